import type { PacedResult } from '../broker/paced'
import { percentile, perSecond } from '../broker/stats'
import type { Measurement } from '../measure'

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

export interface Deliveries {
  /** Receive minus send time, one per copy delivered. */
  latenciesMs: number[]
  /** Copies that should have arrived: each ping sent times the sockets that should get it. */
  expected: number
  delivered: number
  /** Copies beyond the expected: a position sent twice, or to sockets that should not have it. */
  extra: number
}

/**
 * Matches the copies sockets received with the pings sent (send times by `pingKey`), each
 * ping due on `copies` sockets. Positions not in `sent` (warm-up pings) are left out. Latest
 * wins, as the gateway shows positions: a ping its driver's next one overtook on the way is
 * never sent on, and the copies it lacks are the next newer position's that arrived.
 */
export function matchDeliveries(
  sent: ReadonlyMap<string, number>,
  received: Readonly<Received>,
  copies: number,
): Deliveries {
  const copiesOf = latestWins(received, copies)
  const deliveries: Deliveries = { latenciesMs: [], expected: 0, delivered: 0, extra: 0 }
  for (const [key, sentAt] of sent) {
    const times = copiesOf(key)
    deliveries.expected += copies
    deliveries.delivered += Math.min(times.length, copies)
    deliveries.extra += Math.max(0, (received[key]?.length ?? 0) - copies)
    for (const receivedAt of times.slice(0, copies))
      deliveries.latenciesMs.push(receivedAt - sentAt)
  }
  return deliveries
}

/**
 * The p50 latency of the copies of the pings sent in each second of the run (from the first
 * ping in `sent`), in whole ms, matched as `matchDeliveries` does: level when the gateway
 * keeps up, rising when a queue grows.
 */
export function p50BySecond(
  sent: ReadonlyMap<string, number>,
  received: Readonly<Received>,
  copies: number,
): number[] {
  const copiesOf = latestWins(received, copies)
  const first = Math.min(...sent.values())
  const seconds: number[][] = []
  for (const [key, sentAt] of sent) {
    const second = (seconds[Math.floor((sentAt - first) / 1000)] ??= [])
    for (const receivedAt of copiesOf(key).slice(0, copies)) second.push(receivedAt - sentAt)
  }
  return Array.from(seconds, (latencies) => Math.round(percentile(latencies ?? [], 50)))
}

/**
 * A position's copies by its `pingKey`: its own, then for each of the `copies` it lacks, one
 * of the next newer position of its driver that arrived.
 */
function latestWins(received: Readonly<Received>, copies: number) {
  const byDriver = new Map<string, Array<{ recordedAtMs: number; times: number[] }>>()
  for (const [key, times] of Object.entries(received)) {
    const { driverId, recordedAtMs } = parsePingKey(key)
    let positions = byDriver.get(driverId)
    if (!positions) byDriver.set(driverId, (positions = []))
    positions.push({ recordedAtMs, times })
  }
  for (const positions of byDriver.values())
    positions.sort((a, b) => a.recordedAtMs - b.recordedAtMs)
  return (key: string): number[] => {
    const own = received[key] ?? []
    if (own.length >= copies) return own
    const { driverId, recordedAtMs } = parsePingKey(key)
    const newer = byDriver.get(driverId)?.find((position) => position.recordedAtMs > recordedAtMs)
    return [...own, ...(newer?.times.slice(0, copies - own.length) ?? [])]
  }
}

function parsePingKey(key: string) {
  const space = key.lastIndexOf(' ')
  return { driverId: key.slice(0, space), recordedAtMs: Number(key.slice(space + 1)) }
}

/**
 * A row for the sockets of one kind: copies delivered a second over the measured window,
 * their latency, the pings' failures, and the copies that never arrived.
 */
export function deliveredRow(
  deliveries: Deliveries,
  windowMs: number,
  pings: Pick<PacedResult, 'sent' | 'statusCodes' | 'errors'>,
): Measurement {
  const accepted = Object.entries(pings.statusCodes)
    .filter(([code]) => code.startsWith('2'))
    .reduce((sum, [, count]) => sum + count, 0)
  return {
    requestsPerSecond: perSecond(deliveries.delivered, windowMs),
    p50Ms: percentile(deliveries.latenciesMs, 50),
    p99Ms: percentile(deliveries.latenciesMs, 99),
    requests: deliveries.delivered,
    non2xx: pings.sent - accepted - pings.errors,
    errors: pings.errors,
    timeouts: 0,
    statusCodes: pings.statusCodes,
    undelivered: deliveries.expected - deliveries.delivered,
  }
}
