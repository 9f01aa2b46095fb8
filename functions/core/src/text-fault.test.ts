import { describe, expect, it } from 'vitest'
import { textFault } from './text-fault'

describe('textFault', () => {
  it('takes any text, emoji and other astral characters included', () => {
    expect(textFault('Café 🚲 \u{1F600} 日本')).toBeUndefined()
    expect(textFault('')).toBeUndefined()
  })

  it('refuses NUL, which PostgreSQL cannot store', () => {
    expect(textFault('a\u0000b')).toBe('must not hold a NUL character')
  })

  it('refuses a lone surrogate, high or low, which has no UTF-8 form', () => {
    expect(textFault('a\ud800b')).toBe('must not hold a lone UTF-16 surrogate')
    expect(textFault('\udfff')).toBe('must not hold a lone UTF-16 surrogate')
    expect(textFault('🚲'.slice(0, 1))).toBe('must not hold a lone UTF-16 surrogate')
  })
})
