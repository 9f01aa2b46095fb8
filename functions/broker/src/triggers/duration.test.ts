import { describe, expect, it } from 'vitest'
import { parseDuration } from './duration'

describe('parseDuration', () => {
  it('reads fractional seconds', () => {
    expect(parseDuration('PT0.5S')).toBe(500)
    expect(parseDuration('PT0.2S')).toBe(200)
  })

  it('reads minutes and hours', () => {
    expect(parseDuration('PT1M')).toBe(60_000)
    expect(parseDuration('PT1H2M3.5S')).toBe(3_723_500)
  })

  it('reads days together with a time part', () => {
    expect(parseDuration('P1DT1S')).toBe(86_401_000)
    expect(parseDuration('P2D')).toBe(172_800_000)
  })

  it('accepts a comma as the decimal sign, as ISO 8601 prefers', () => {
    expect(parseDuration('PT1,5S')).toBe(1500)
  })

  it('accepts zero', () => {
    expect(parseDuration('PT0S')).toBe(0)
  })

  it('rounds to whole milliseconds', () => {
    expect(parseDuration('PT1.1S')).toBe(1100)
    expect(parseDuration('PT0.0004S')).toBe(0)
  })

  it('refuses months and years, which have no fixed length', () => {
    expect(() => parseDuration('P1M')).toThrow(/years and months have no fixed length/)
    expect(() => parseDuration('P1Y')).toThrow(/years and months/)
    expect(() => parseDuration('P1YT1S')).toThrow(/years and months/)
  })

  it('refuses weeks and says to write days', () => {
    expect(() => parseDuration('P1W')).toThrow(/P7D/)
  })

  it('refuses a designator with nothing after it', () => {
    expect(() => parseDuration('PT')).toThrow(/not an ISO 8601 duration/)
    expect(() => parseDuration('P')).toThrow(/not an ISO 8601 duration/)
    expect(() => parseDuration('P1DT')).toThrow(/not an ISO 8601 duration/)
  })

  it('refuses garbage, plain numbers, negative and lowercase durations', () => {
    for (const text of ['garbage', '', '500', '500ms', '1s', '-PT1S', 'pt1s', 'PT1S ', 'PT1.S']) {
      expect(() => parseDuration(text), text).toThrow(/not an ISO 8601 duration/)
    }
  })

  it('refuses components out of order', () => {
    expect(() => parseDuration('PT1S1M')).toThrow()
  })

  it('allows a fraction on the smallest component only', () => {
    expect(parseDuration('PT1.5M')).toBe(90_000)
    expect(() => parseDuration('PT1.5M3S')).toThrow(/only the smallest component/)
  })

  it('refuses durations too long to count in milliseconds', () => {
    expect(() => parseDuration('P999999999999D')).toThrow(/too long/)
  })
})
