import { describe, expect, it } from 'vitest'
import { neutralised } from './csv-cells'

describe('a text cell of the export', () => {
  it.each(['=1+1', '+351 910 000 000', '-2+3', '@SUM(A1)', '\tcmd', '\rcmd'])(
    'starts with an apostrophe when a spreadsheet would run %j',
    (text) => expect(neutralised(text)).toBe(`'${text}`),
  )

  it('is left alone otherwise', () => {
    for (const text of ['Rita Sousa', 'Rua 1, Lisboa', "'quoted", '']) {
      expect(neutralised(text)).toBe(text)
    }
  })
})
