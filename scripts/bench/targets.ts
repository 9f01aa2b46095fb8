import type { Measurement } from './measure'

/** What a row counts a second: HTTP requests, or broker events. */
export type Unit = 'requests' | 'events'

/** What a scenario must reach; the ratio is to the baseline of its group in the same run. */
export interface Target {
  /** Least share of the baseline's rate. */
  minRatio?: number
  /** p50 latency must stay below this. */
  maxP50Ms?: number
  /** p99 latency must stay below this. */
  maxP99Ms?: number
  /** Least rate, in the row's unit a second. */
  minPerSecond?: number
  /** Resident memory must stay below this many MiB. */
  maxRssMb?: number
}

// A public lookup should cost about as much as a hello world plus one indexed read: at half
// the baseline's throughput, a shop's tracking page survives a crowd of refreshes.
export const TRACKING_TARGET: Target = { minRatio: 0.5, maxP99Ms: 25 }

// A ping is an authenticated write to the location store and the positions feed; at a quarter
// of the baseline one ingest pod takes a city's pings (2,000 a second) with room to spare.
export const PING_TARGET: Target = { minRatio: 0.25 }

// Logs, metrics and traces as production runs them cost a tenth of the rate at most (issue 17):
// watching the API must not be what makes it need another replica.
export const OBSERVABILITY_TARGET: Target = { minRatio: 0.9 }

// The broker's goal: 5,000 events a second from ingress to subscriber on the bench machine.
export const BROKER_TARGET: Target = { minPerSecond: 5_000 }

// A dispatcher's map shows a driver move within a couple of frames of the ping, and even the
// slowest positions arrive well before the next one (a phone pings every second or two).
export const REALTIME_TARGET: Target = { maxP50Ms: 25, maxP99Ms: 100 }

export function describeTarget(target: Target, unit: Unit = 'requests'): string {
  const parts = []
  if (target.minPerSecond !== undefined) parts.push(`≥ ${target.minPerSecond} ${unit}/s`)
  if (target.minRatio !== undefined) parts.push(`≥ ${target.minRatio}× base`)
  if (target.maxP50Ms !== undefined) parts.push(`p50 < ${target.maxP50Ms} ms`)
  if (target.maxP99Ms !== undefined) parts.push(`p99 < ${target.maxP99Ms} ms`)
  if (target.maxRssMb !== undefined) parts.push(`RSS < ${target.maxRssMb} MB`)
  return parts.join(', ')
}

/** The scenario's rate as a share of the baseline's; 0 when the baseline did nothing. */
export function ratioTo(baseline: Measurement, measured: Measurement): number {
  return baseline.requestsPerSecond > 0
    ? measured.requestsPerSecond / baseline.requestsPerSecond
    : 0
}

/** Whether `measured` reaches `target`; a row with no baseline (`ratio` null) fails a ratio. */
export function meetsTarget(target: Target, ratio: number | null, measured: Measurement): boolean {
  return (
    (target.minRatio === undefined || (ratio !== null && ratio >= target.minRatio)) &&
    (target.maxP50Ms === undefined || measured.p50Ms < target.maxP50Ms) &&
    (target.maxP99Ms === undefined || measured.p99Ms < target.maxP99Ms) &&
    (target.minPerSecond === undefined || measured.requestsPerSecond >= target.minPerSecond) &&
    (target.maxRssMb === undefined || (measured.rssMb ?? Infinity) < target.maxRssMb)
  )
}
