/**
 * Latencies counted by whole millisecond, plus the copies that never arrived: small enough to
 * send between processes whatever the run's length, and merged exactly. A copy that never
 * came ranks above every latency, so a percentile that falls among them is Infinity rather
 * than a figure that forgets them.
 */
export interface Histogram {
  /** [latency in ms, copies] pairs, in no particular order. */
  counts: [number, number][]
  missing: number
}

/** A histogram being filled. */
export class LatencyCounts {
  private readonly counts = new Map<number, number>()
  private missing = 0

  /** One copy `latencyMs` after its ping left, or never (`undefined`). */
  add(latencyMs: number | undefined, copies = 1): void {
    if (latencyMs === undefined) {
      this.missing += copies
      return
    }
    const ms = Math.max(0, Math.round(latencyMs))
    this.counts.set(ms, (this.counts.get(ms) ?? 0) + copies)
  }

  merge(histogram: Histogram): this {
    for (const [ms, copies] of histogram.counts) this.add(ms, copies)
    this.missing += histogram.missing
    return this
  }

  toJSON(): Histogram {
    return { counts: [...this.counts], missing: this.missing }
  }
}

/** Every copy a histogram counts, arrived or not. */
export function copiesIn(histogram: Histogram): number {
  return histogram.counts.reduce((sum, [, copies]) => sum + copies, histogram.missing)
}

/** Copies that arrived at most `withinMs` after their ping left. */
export function arrivedWithin(histogram: Histogram, withinMs: number): number {
  return histogram.counts.reduce((sum, [ms, copies]) => sum + (ms <= withinMs ? copies : 0), 0)
}

/**
 * The nearest-rank percentile, in ms: Infinity when it falls among the copies that never
 * arrived, NaN for an empty histogram.
 *
 * @example
 * latencyPercentile({ counts: [[10, 98], [40, 1]], missing: 1 }, 99) // 40
 */
export function latencyPercentile(histogram: Histogram, p: number): number {
  const total = copiesIn(histogram)
  if (total === 0) return Number.NaN
  const rank = Math.min(total, Math.max(1, Math.ceil((p / 100) * total)))
  let seen = 0
  for (const [ms, copies] of [...histogram.counts].sort(([a], [b]) => a - b)) {
    seen += copies
    if (seen >= rank) return ms
  }
  return Number.POSITIVE_INFINITY
}
