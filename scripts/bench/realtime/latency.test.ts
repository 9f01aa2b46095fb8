import { describe, expect, it } from 'vitest'
import { deliveredRow, matchDeliveries, p50BySecond, pingKey } from './latency'

describe('pingKey', () => {
  it('tells positions apart by driver and recorded millisecond', () => {
    expect(pingKey('d-1', 1_000)).toBe('d-1 1000')
    expect(pingKey('d-1', 1_000)).not.toBe(pingKey('d-2', 1_000))
    expect(pingKey('d-1', 1_000)).not.toBe(pingKey('d-1', 1_001))
  })
})

describe('matchDeliveries', () => {
  const sent = new Map([
    [pingKey('a', 1_000), 1_000.4],
    [pingKey('b', 1_001), 1_001.2],
  ])

  it('gives each copy its latency from the ping it came from', () => {
    const received = { [pingKey('a', 1_000)]: [1_010.4, 1_012.4], [pingKey('b', 1_001)]: [1_031.2] }
    const matched = matchDeliveries(sent, received, 2)
    expect(matched.latenciesMs.map(Math.round)).toEqual([10, 12, 30])
    expect(matched).toMatchObject({ expected: 4, delivered: 3, extra: 0 })
  })

  it('counts copies beyond the sockets that should have them as extra, not as latency', () => {
    const received = { [pingKey('a', 1_000)]: [1_010.4, 1_011.4, 1_012.4] }
    const matched = matchDeliveries(sent, received, 1)
    expect(matched).toMatchObject({ expected: 2, delivered: 1, extra: 2 })
    expect(matched.latenciesMs).toHaveLength(1)
  })

  it("delivers a ping its driver's next one overtook with that next position's copies", () => {
    const overtaken = new Map([
      [pingKey('a', 1_000), 1_000],
      [pingKey('a', 2_000), 2_000],
      [pingKey('a', 3_000), 3_000],
    ])
    // 1,000 came after 2,000 and was not sent on; 3,000 was due twice and reached one socket.
    const received = { [pingKey('a', 2_000)]: [2_020, 2_030], [pingKey('a', 3_000)]: [3_010] }
    const matched = matchDeliveries(overtaken, received, 2)
    expect(matched.latenciesMs).toEqual([1_020, 1_030, 20, 30, 10])
    expect(matched).toMatchObject({ expected: 6, delivered: 5, extra: 0 })
  })

  it('leaves out positions of pings it was not given, such as the warm-up', () => {
    const received = { [pingKey('a', 1)]: [5], [pingKey('a', 1_000)]: [1_002.4] }
    const matched = matchDeliveries(sent, received, 1)
    expect(matched).toEqual({ latenciesMs: [2], expected: 2, delivered: 1, extra: 0 })
  })
})

describe('deliveredRow', () => {
  const deliveries = { latenciesMs: [4, 1, 3, 2], expected: 6, delivered: 4, extra: 0 }

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
    const sent = new Map([
      [pingKey('a', 10_000), 10_000],
      [pingKey('b', 10_500), 10_500],
      [pingKey('a', 11_000), 11_000],
      [pingKey('b', 12_900), 12_900],
    ])
    const received = {
      [pingKey('a', 10_000)]: [10_010, 10_012],
      [pingKey('b', 10_500)]: [10_520],
      [pingKey('a', 11_000)]: [11_300],
      [pingKey('b', 12_900)]: [13_900.4],
    }
    expect(p50BySecond(sent, received, 2)).toEqual([12, 300, 1_000])
  })
})
