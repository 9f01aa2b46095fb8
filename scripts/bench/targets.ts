import type { Measurement } from './measure'

/** What a scenario must reach, relative to the hello-world baseline of the same run. */
export interface Target {
  /** Least share of the baseline's requests per second. */
  minRatio: number
  /** p99 latency must stay below this. */
  maxP99Ms: number
}

// A public lookup should cost about as much as a hello world plus one indexed read: at half
// the baseline's throughput, a shop's tracking page survives a crowd of refreshes.
export const TRACKING_TARGET: Target = { minRatio: 0.5, maxP99Ms: 25 }

export function describeTarget(target: Target): string {
  return `≥ ${target.minRatio}× base, p99 < ${target.maxP99Ms} ms`
}

/** The scenario's req/s as a share of the baseline's; 0 when the baseline did nothing. */
export function ratioTo(baseline: Measurement, measured: Measurement): number {
  return baseline.requestsPerSecond > 0
    ? measured.requestsPerSecond / baseline.requestsPerSecond
    : 0
}

export function meetsTarget(target: Target, ratio: number, measured: Measurement): boolean {
  return ratio >= target.minRatio && measured.p99Ms < target.maxP99Ms
}
