import type { MatchedCopies } from '../realtime/arrivals'
import type { Connected, SocketMatches } from '../realtime/sockets'
import type { PingRun } from './pings'
import {
  arrivedWithin,
  copiesIn,
  LatencyCounts,
  latencyPercentile,
  type Histogram,
} from '../realtime/histogram'

/** The bar for a position to count as delivered. */
export const DELIVERED_WITHIN_MS = 1_000

/** What the sockets of one kind saw in one shape. */
export interface KindSummary {
  sockets: number
  /** Copies due: each measured ping times the sockets entitled to it. */
  expected: number
  /** Fraction of `expected` that arrived (or a newer position did) within a second. */
  delivered: number
  /** Copies that never arrived before the drain ended. */
  neverArrived: number
  /** Infinity when the percentile falls among the copies that never arrived. */
  p50Ms: number
  p95Ms: number
  p99Ms: number
  /** Message bytes a socket of this kind took a second, over the measured window. */
  bytesPerSecondPerSocket: number
  /** One entry per second of the window, by the pings' send times. */
  p50BySecond: number[]
  p99BySecond: number[]
}

/**
 * The sockets of one kind, summed over the processes that held them: `bytes` they took in
 * `windowMs`, and the copies each process matched.
 */
export function summarizeKind(
  matches: readonly MatchedCopies[],
  sockets: number,
  bytes: number,
  windowMs: number,
): KindSummary {
  const total = merged(matches.map((match) => match.total))
  const seconds = Math.max(0, ...matches.map((match) => match.bySecond.length))
  const bySecond = Array.from({ length: seconds }, (_, second) =>
    merged(matches.flatMap((match) => match.bySecond[second] ?? [])),
  )
  const expected = copiesIn(total)
  return {
    sockets,
    expected,
    delivered: expected ? arrivedWithin(total, DELIVERED_WITHIN_MS) / expected : Number.NaN,
    neverArrived: total.missing,
    p50Ms: latencyPercentile(total, 50),
    p95Ms: latencyPercentile(total, 95),
    p99Ms: latencyPercentile(total, 99),
    bytesPerSecondPerSocket: sockets && windowMs ? (bytes * 1000) / windowMs / sockets : 0,
    p50BySecond: bySecond.map((histogram) => latencyPercentile(histogram, 50)),
    p99BySecond: bySecond.map((histogram) => latencyPercentile(histogram, 99)),
  }
}

function merged(histograms: readonly Histogram[]): Histogram {
  const counts = new LatencyCounts()
  for (const histogram of histograms) counts.merge(histogram)
  return counts.toJSON()
}

/** What every sockets process saw, together. */
export interface SocketsSummary {
  dispatcher: KindSummary
  tracking: KindSummary
  /** Sockets the gateway dropped, by Socket.io's reason. */
  disconnects: Record<string, number>
  /** The busiest sockets process's event-loop delay: copies it took are stamped this late. */
  socketsLoopDelayMs: { p99: number; max: number }
}

/** The sockets processes' matches over a window of `windowMs`, summed. */
export function summarizeSockets(
  matches: readonly SocketMatches[],
  connected: Pick<Connected, 'dispatchers' | 'tracked'>,
  windowMs: number,
): SocketsSummary {
  const bytes = (kind: 'dispatcher' | 'tracking') =>
    matches.reduce((sum, match) => sum + match.bytes[kind], 0)
  const disconnects: Record<string, number> = {}
  for (const match of matches) {
    for (const [reason, n] of Object.entries(match.disconnects)) {
      disconnects[reason] = (disconnects[reason] ?? 0) + n
    }
  }
  const slowest = (pick: (delay: SocketMatches['loopDelayMs']) => number) =>
    Math.round(Math.max(0, ...matches.map((match) => pick(match.loopDelayMs))))
  return {
    dispatcher: summarizeKind(
      matches.map((match) => match.dispatcher),
      connected.dispatchers,
      bytes('dispatcher'),
      windowMs,
    ),
    tracking: summarizeKind(
      matches.map((match) => match.tracking),
      connected.tracked.length,
      bytes('tracking'),
      windowMs,
    ),
    disconnects,
    socketsLoopDelayMs: { p99: slowest((delay) => delay.p99), max: slowest((delay) => delay.max) },
  }
}

/** The answers that accepted a ping: any 2xx. */
export function acceptedPings(statusCodes: Record<string, number>): number {
  return Object.entries(statusCodes)
    .filter(([code]) => code.startsWith('2'))
    .reduce((sum, [, n]) => sum + n, 0)
}

/**
 * Pings the ingest accepted a second, from the first leaving to the last answer. The ramp,
 * sent at half the rate on average, counts for half its time.
 */
export function acceptedPerSecond(
  run: Pick<PingRun, 'statusCodes' | 'elapsedMs' | 'rampMs'>,
): number {
  const accepted = acceptedPings(run.statusCodes)
  const ms = run.elapsedMs - run.rampMs / 2
  return ms > 0 ? Math.round((accepted * 1000) / ms) : 0
}
