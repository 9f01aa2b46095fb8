import type { PacedResult } from '../broker/paced'
import { perSecond } from '../broker/stats'
import type { Measurement } from '../measure'
import type { MatchedCopies } from './arrivals'
import { copiesIn, latencyPercentile, type Histogram } from './histogram'

/** Positions received, by `pingKey`: the wall-clock time of each copy that reached a socket. */
export type Received = Record<string, number[]>

/**
 * What tells one position from another at the sockets: its driver and the time its ping was
 * stamped with (`recordedAt`, whole milliseconds). A driver pings once a second in the bench.
 *
 * @example
 * pingKey('d-1', Date.parse('2026-11-26T09:14:35.951Z')) // 'd-1 1795684475951'
 */
export function pingKey(driverId: string, recordedAtMs: number): string {
  return `${driverId} ${recordedAtMs}`
}

/**
 * Copies beyond the `copies` sockets due each ping in `sent`: a position sent twice, or to
 * sockets that should not have it. Positions not in `sent` (warm-up pings) are left out.
 */
export function extraCopies(
  sent: ReadonlyMap<string, number>,
  received: Readonly<Received>,
  copies: number,
): number {
  let extra = 0
  for (const key of sent.keys()) extra += Math.max(0, (received[key]?.length ?? 0) - copies)
  return extra
}

/**
 * A row for the sockets of one kind, from the copies they were due matched latest wins (a
 * ping its driver's next one overtook is delivered by that one): copies delivered a second
 * over the measured window, the latency of those that arrived, the pings' failures, and the
 * copies that never arrived.
 */
export function deliveredRow(
  matched: MatchedCopies,
  windowMs: number,
  pings: Pick<PacedResult, 'sent' | 'statusCodes' | 'errors'>,
): Measurement {
  const accepted = Object.entries(pings.statusCodes)
    .filter(([code]) => code.startsWith('2'))
    .reduce((sum, [, count]) => sum + count, 0)
  const arrived = arrivedOnly(matched.total)
  const delivered = copiesIn(arrived)
  return {
    requestsPerSecond: perSecond(delivered, windowMs),
    p50Ms: latencyPercentile(arrived, 50),
    p99Ms: latencyPercentile(arrived, 99),
    requests: delivered,
    non2xx: pings.sent - accepted - pings.errors,
    errors: pings.errors,
    timeouts: 0,
    statusCodes: pings.statusCodes,
    undelivered: matched.total.missing,
  }
}

/**
 * The p50 latency of the copies that arrived of the pings sent in each second of the run:
 * level when the gateway keeps up, rising when a queue grows.
 */
export function p50BySecond(matched: MatchedCopies): number[] {
  return matched.bySecond.map((second) => latencyPercentile(arrivedOnly(second), 50))
}

/** The copies that arrived: the row's latencies leave the missing out, and count them apart. */
function arrivedOnly(histogram: Histogram): Histogram {
  return { counts: histogram.counts, missing: 0 }
}
