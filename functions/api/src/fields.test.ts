import { textFault } from '@dropmate/core'
import { describe, expect, it } from 'vitest'
import { text, textSchema, WELL_FORMED_TEXT } from './fields'

// What schemathesis and client generators read must refuse and take what the server does.
const SAMPLES = ['Ana', 'Café 📦', '', '   ', 'a\u0000b', 'a\ud800b', '\udfff', '📦'.slice(0, 1)]
const documented = (pattern: string, value: string) => new RegExp(pattern, 'u').test(value)

describe('the text rule', () => {
  it('is the same in the document as in textFault', () => {
    for (const value of SAMPLES) {
      expect([value, documented(WELL_FORMED_TEXT, value)]).toEqual([value, !textFault(value)])
    }
  })

  it('refuses in text() exactly what its documented pattern refuses, naming the fault', () => {
    for (const blank of [true, false]) {
      const { pattern } = textSchema({ max: 50, blank })
      for (const value of SAMPLES) {
        const parsed = text({ max: 50, blank }).safeParse(value)
        expect([value, blank, parsed.success]).toEqual([value, blank, documented(pattern, value)])
      }
    }
    const refused = text({ max: 50 }).safeParse('a\ud800b')
    expect(refused.error?.issues.map((issue) => issue.message)).toEqual([
      'must not hold a lone UTF-16 surrogate',
    ])
  })
})
