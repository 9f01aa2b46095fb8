import { describe, expect, it } from 'vitest'
import { backoffDelay, RETRY_AFTER_MAX_MS, retryAfterMs } from './backoff'

const linear = { backoffPolicy: 'linear', backoffDelayMs: 200 } as const
const exponential = { backoffPolicy: 'exponential', backoffDelayMs: 200 } as const

describe('backoffDelay', () => {
  it('waits exactly backoffDelay before the first retry under either policy', () => {
    expect(backoffDelay(linear, 1)).toBe(200)
    expect(backoffDelay(exponential, 1)).toBe(200)
  })

  it('grows linearly by backoffDelay per retry', () => {
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(linear, n))).toEqual([200, 400, 600, 800, 1000])
  })

  it('doubles per retry when exponential', () => {
    const delays = [1, 2, 3, 4, 5].map((n) => backoffDelay(exponential, n))
    expect(delays).toEqual([200, 400, 800, 1600, 3200])
  })

  it('spends about 205 s on the default ten exponential retries, as Knative does', () => {
    const total = Array.from({ length: 10 }, (_, i) => backoffDelay(exponential, i + 1))
    expect(total.reduce((a, b) => a + b)).toBe(204_600)
  })

  it('refuses attempt numbers that are not retries', () => {
    expect(() => backoffDelay(linear, 0)).toThrow(RangeError)
    expect(() => backoffDelay(linear, 1.5)).toThrow(RangeError)
  })
})

describe('retryAfterMs', () => {
  const now = new Date('2026-11-24T12:00:00Z')

  it('reads delay-seconds', () => {
    expect(retryAfterMs('120', now)).toBe(120_000)
    expect(retryAfterMs(' 3 ', now)).toBe(3000)
    expect(retryAfterMs('0', now)).toBe(0)
  })

  it('reads an IMF-fixdate HTTP-date relative to now', () => {
    expect(retryAfterMs('Tue, 24 Nov 2026 12:01:30 GMT', now)).toBe(90_000)
  })

  it('reads the obsolete RFC 850 and asctime dates that HTTP recipients must accept', () => {
    expect(retryAfterMs('Tuesday, 24-Nov-26 12:00:10 GMT', now)).toBe(10_000)
    expect(retryAfterMs('Tue Nov 24 12:00:20 2026', now)).toBe(20_000)
    expect(retryAfterMs('Tue Nov  1 12:00:00 2026', new Date('2026-11-01T11:59:00Z'))).toBe(60_000)
  })

  it('reads a two-digit RFC 850 year as the nearest century that is not far in the future', () => {
    const past = retryAfterMs('Sunday, 06-Nov-94 08:49:37 GMT', now)
    expect(past).toBe(0)
  })

  it('treats a date already past as due now', () => {
    expect(retryAfterMs('Tue, 24 Nov 2026 11:00:00 GMT', now)).toBe(0)
  })

  it('clamps long waits to five minutes unless told another maximum', () => {
    expect(retryAfterMs('86400', now)).toBe(RETRY_AFTER_MAX_MS)
    expect(RETRY_AFTER_MAX_MS).toBe(300_000)
    expect(retryAfterMs('Wed, 25 Nov 2026 12:00:00 GMT', now)).toBe(300_000)
    expect(retryAfterMs('60', now, 10_000)).toBe(10_000)
  })

  it('ignores a missing header, negative seconds and junk', () => {
    for (const header of [null, '', '  ', '-5', '1.5', '5s', 'soon', 'Tue, 24 Nov 2026']) {
      expect(retryAfterMs(header, now), String(header)).toBeUndefined()
    }
  })

  it('ignores dates that do not exist or are not GMT', () => {
    expect(retryAfterMs('Mon, 30 Feb 2026 12:00:00 GMT', now)).toBeUndefined()
    expect(retryAfterMs('Tue, 24 Nov 2026 25:00:00 GMT', now)).toBeUndefined()
    expect(retryAfterMs('Tue, 24 Nov 2026 12:01:00 +0100', now)).toBeUndefined()
    expect(retryAfterMs('2026-11-24T12:01:00Z', now)).toBeUndefined()
  })
})
