import { describe, expect, it } from 'vitest'
import { acceptedPerSecond, summarizeKind, summarizeSockets } from './summary'

const match = (counts: [number, number][], missing = 0) => ({
  total: { counts, missing },
  bySecond: [{ counts, missing }],
})

describe('summarizing one kind of socket', () => {
  it('merges the processes that held the sockets', () => {
    const summary = summarizeKind([match([[10, 50]]), match([[30, 49]], 1)], 4, 8_000, 2_000)
    expect(summary).toMatchObject({
      sockets: 4,
      expected: 100,
      delivered: 0.99,
      neverArrived: 1,
      p50Ms: 10,
      p95Ms: 30,
      p99Ms: 30,
      bytesPerSecondPerSocket: 1_000,
    })
    expect(summary.p99BySecond).toEqual([30])
  })

  it('counts a copy later than a second as arrived but not delivered', () => {
    const summary = summarizeKind(
      [
        match([
          [5, 1],
          [1_500, 1],
        ]),
      ],
      1,
      0,
      1_000,
    )
    expect(summary.delivered).toBe(0.5)
    expect(summary.neverArrived).toBe(0)
    expect(summary.p99Ms).toBe(1_500)
  })

  it('has a p99 of Infinity when more than a hundredth never came', () => {
    expect(summarizeKind([match([[5, 97]], 3)], 1, 0, 1_000).p99Ms).toBe(Infinity)
  })
})

describe('summarizing every sockets process', () => {
  const matched = (bytes: number, delay: number) => ({
    dispatcher: match([[10, 1]]),
    tracking: match([[20, 1]]),
    bytes: { dispatcher: bytes, tracking: 1 },
    disconnects: { 'transport close': 1 },
    loopDelayMs: { p99: delay, max: delay * 2 },
  })

  it('adds up bytes and drops, and keeps the busiest event loop', () => {
    const connected = { dispatchers: 2, tracked: ['a', 'b'] }
    const summary = summarizeSockets([matched(1_000, 5), matched(3_000, 40)], connected, 1_000)
    expect(summary.dispatcher.bytesPerSecondPerSocket).toBe(2_000)
    expect(summary.tracking.expected).toBe(2)
    expect(summary.disconnects).toEqual({ 'transport close': 2 })
    expect(summary.socketsLoopDelayMs).toEqual({ p99: 40, max: 80 })
  })

  it('counts every 2xx as an accepted ping', () => {
    const run = { statusCodes: { '202': 1_500, '200': 500, '503': 1_000 }, elapsedMs: 2_000 }
    expect(acceptedPerSecond({ ...run, rampMs: 0 })).toBe(1_000)
  })

  it('counts a ramp, sent at half the rate on average, for half its time', () => {
    // 1,000 a second reached after 2 s, then 2 s at it: 1,000 + 2,000 pings in 4 s.
    const run = { statusCodes: { '202': 3_000 }, elapsedMs: 4_000, rampMs: 2_000 }
    expect(acceptedPerSecond(run)).toBe(1_000)
  })
})
