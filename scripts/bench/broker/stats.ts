/**
 * Milliseconds on the wall clock with sub-millisecond precision. Every process derives it
 * from the same system clock, so a time stamped by the bench and read by the subscriber
 * child gives the latency between them.
 */
export function wallClockMs(): number {
  return performance.timeOrigin + performance.now()
}

/**
 * The nearest-rank percentile of `values` (unsorted, left untouched); NaN when empty.
 *
 * @example
 * percentile([3, 1, 2, 4], 50) // 2
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN
  const sorted = Float64Array.from(values).sort()
  const rank = Math.ceil((p / 100) * sorted.length)
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!
}

/** How many per second `count` things in `elapsedMs` are; 0 for an empty window. */
export function perSecond(count: number, elapsedMs: number): number {
  return elapsedMs > 0 ? (count * 1000) / elapsedMs : 0
}

/**
 * How many sends are due `elapsedMs` into an open-loop run at `rate` a second, never more
 * than `total`: a sender that fell behind catches up at once rather than lowering the rate.
 * Over the first `rampMs` the rate climbs evenly from nothing to `rate`.
 */
export function dueBy(elapsedMs: number, rate: number, total: number, rampMs = 0): number {
  const ms = Math.max(0, elapsedMs)
  const sentFor = ms < rampMs ? (ms * ms) / (2 * rampMs) : ms - rampMs / 2
  return Math.min(total, Math.floor((sentFor * rate) / 1000))
}
