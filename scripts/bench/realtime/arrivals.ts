import { LatencyCounts, type Histogram } from './histogram'
import { pingKey, type Received } from './latency'

/**
 * The positions one socket received: per driver, flat [recordedAt, arrivedAt] pairs (wall
 * clock ms) in arrival order. Flat arrays of numbers: a dispatcher socket of the city run
 * takes over a hundred thousand.
 */
export class SocketArrivals {
  readonly byDriver = new Map<string, number[]>()

  /** `driverId`: the driver a tracking socket follows, none for a dispatcher's (the fleet). */
  constructor(readonly driverId?: string) {}

  note(driverId: string, recordedAtMs: number, arrivedAtMs: number): void {
    const pairs = this.byDriver.get(driverId)
    if (pairs) pairs.push(recordedAtMs, arrivedAtMs)
    else this.byDriver.set(driverId, [recordedAtMs, arrivedAtMs])
  }
}

/** A ping of the measured window: its driver and its stamp, which is also when it left. */
export interface SentPing {
  driverId: string
  recordedAtMs: number
}

/** Latencies of the copies sockets of one kind were due, overall and by the ping's second. */
export interface MatchedCopies {
  total: Histogram
  /** Index: whole seconds from `startMs` to the ping's stamp. */
  bySecond: Histogram[]
}

/**
 * When `pairs` first held a position at least as new as `recordedAtMs`: latest wins, so a newer
 * position of the same driver delivers an older ping that was folded into it or overtaken.
 */
export function firstCovering(pairs: readonly number[], recordedAtMs: number): number | undefined {
  let first: number | undefined
  for (let i = 0; i < pairs.length; i += 2) {
    const arrivedAt = pairs[i + 1]!
    if (pairs[i]! >= recordedAtMs && (first === undefined || arrivedAt < first)) first = arrivedAt
  }
  return first
}

/**
 * Each socket's due copies of `pings` (a dispatcher's: all; a tracking socket's: its driver's)
 * matched to what it received. The latency is from the ping's stamp (its send time to the
 * millisecond below, so at most 1 ms too long); a copy never covered counts as missing.
 */
export function matchLatestWins(
  sockets: Iterable<SocketArrivals>,
  pings: readonly SentPing[],
  startMs: number,
): MatchedCopies {
  const byDriver = Map.groupBy(pings, (ping) => ping.driverId)
  const total = new LatencyCounts()
  const bySecond: LatencyCounts[] = []
  for (const socket of sockets) {
    const due = socket.driverId === undefined ? pings : (byDriver.get(socket.driverId) ?? [])
    for (const { driverId, recordedAtMs } of due) {
      const arrivedAt = firstCovering(socket.byDriver.get(driverId) ?? [], recordedAtMs)
      const latency = arrivedAt === undefined ? undefined : arrivedAt - recordedAtMs
      total.add(latency)
      const second = Math.max(0, Math.floor((recordedAtMs - startMs) / 1000))
      ;(bySecond[second] ??= new LatencyCounts()).add(latency)
    }
  }
  return {
    total: total.toJSON(),
    bySecond: Array.from(bySecond, (counts) => (counts ?? new LatencyCounts()).toJSON()),
  }
}

/** Every copy the sockets took, merged by `pingKey`, as the realtime run matches them. */
export function receivedByPing(sockets: Iterable<SocketArrivals>): Received {
  const received: Received = {}
  for (const socket of sockets) {
    for (const [driverId, pairs] of socket.byDriver) {
      for (let i = 0; i < pairs.length; i += 2) {
        ;(received[pingKey(driverId, pairs[i]!)] ??= []).push(pairs[i + 1]!)
      }
    }
  }
  for (const times of Object.values(received)) times.sort((a, b) => a - b)
  return received
}
