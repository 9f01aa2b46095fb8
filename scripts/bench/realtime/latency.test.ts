import { describe, expect, it } from 'vitest'
import { deliveredRow, extraCopies, p50BySecond, pingKey } from './latency'

describe('pingKey', () => {
  it('tells positions apart by driver and recorded millisecond', () => {
    expect(pingKey('d-1', 1_000)).toBe('d-1 1000')
    expect(pingKey('d-1', 1_000)).not.toBe(pingKey('d-2', 1_000))
    expect(pingKey('d-1', 1_000)).not.toBe(pingKey('d-1', 1_001))
  })
})

describe('extraCopies', () => {
  const sent = new Map([
    [pingKey('a', 1_000), 1_000.4],
    [pingKey('b', 1_001), 1_001.2],
  ])

  it('counts copies beyond the sockets that should have them', () => {
    const received = { [pingKey('a', 1_000)]: [1_010.4, 1_011.4, 1_012.4] }
    expect(extraCopies(sent, received, 1)).toBe(2)
    expect(extraCopies(sent, received, 3)).toBe(0)
  })

  it('leaves out positions of pings it was not given, such as the warm-up', () => {
    const received = { [pingKey('a', 1)]: [5, 6], [pingKey('a', 1_000)]: [1_002.4] }
    expect(extraCopies(sent, received, 1)).toBe(0)
  })
})

describe('deliveredRow', () => {
  const deliveries = {
    total: {
      counts: [
        [4, 1],
        [1, 1],
        [3, 1],
        [2, 1],
      ] as [number, number][],
      missing: 2,
    },
    bySecond: [],
  }

  it('rates the copies over the window and counts the missing as undelivered', () => {
    const pings = { sent: 10, statusCodes: { 202: 10 }, errors: 0 }
    expect(deliveredRow(deliveries, 2_000, pings)).toEqual({
      requestsPerSecond: 2,
      p50Ms: 2,
      p99Ms: 4,
      requests: 4,
      non2xx: 0,
      errors: 0,
      timeouts: 0,
      statusCodes: { 202: 10 },
      undelivered: 2,
    })
  })

  it("carries the pings' refusals and failures, which make the row broken", () => {
    const pings = { sent: 10, statusCodes: { 202: 6, 401: 3 }, errors: 1 }
    expect(deliveredRow(deliveries, 1_000, pings)).toMatchObject({ non2xx: 3, errors: 1 })
  })
})

describe('p50BySecond', () => {
  it('shows a growing queue as a rising latency, second by second of sending', () => {
    const matched = {
      total: { counts: [], missing: 0 },
      bySecond: [
        {
          counts: [
            [10, 1],
            [12, 1],
            [20, 1],
          ] as [number, number][],
          missing: 0,
        },
        { counts: [[300, 1]] as [number, number][], missing: 0 },
        { counts: [[1_000, 1]] as [number, number][], missing: 1 },
      ],
    }
    expect(p50BySecond(matched)).toEqual([12, 300, 1_000])
  })
})
