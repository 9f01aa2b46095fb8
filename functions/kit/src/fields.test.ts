import { textFault } from '@dropmate/core'
import { describe, expect, it } from 'vitest'
import { text, textSchema, WELL_FORMED_TEXT } from './fields'

// What schemathesis and client generators read must refuse what the server refuses, lone
// surrogates aside: no pattern names them portably (see fields.ts), so only the server does.
const SAMPLES = ['Ana', 'Café 📦', '', '   ', '\t\u00a0', 'a\u0000b', '\u0000']
const LONE_SURROGATES = ['a\ud800b', '\udfff', '📦'.slice(0, 1)]
const documented = (pattern: string, value: string) => new RegExp(pattern, 'u').test(value)

describe('the text rule', () => {
  it('is the same in the document as in textFault, lone surrogates aside', () => {
    for (const value of SAMPLES) {
      expect([value, documented(WELL_FORMED_TEXT, value)]).toEqual([value, !textFault(value)])
    }
  })

  it('refuses in text() what its documented pattern refuses', () => {
    for (const blank of [true, false]) {
      const { pattern } = textSchema({ max: 50, blank })
      for (const value of SAMPLES) {
        const parsed = text({ max: 50, blank }).safeParse(value)
        expect([value, blank, parsed.success]).toEqual([value, blank, documented(pattern, value)])
      }
    }
  })

  it('refuses a lone surrogate in text(), naming the fault', () => {
    for (const value of LONE_SURROGATES) {
      const refused = text({ max: 50, blank: true }).safeParse(value)
      expect(refused.error?.issues.map((issue) => issue.message)).toEqual([
        'must not hold a lone UTF-16 surrogate',
      ])
    }
  })
})
