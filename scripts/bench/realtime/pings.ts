import type { PacedRequest } from '../broker/paced'
import { wallClockMs } from '../broker/stats'
import { pingRequest, type BenchDriver } from '../scenarios'
import type { SentPing } from './arrivals'
import { pingKey } from './latency'

export interface PingLog {
  /** Ping `n`, from driver `n` modulo the fleet, stamped as it leaves. */
  build(n: number): PacedRequest
  /** Send times of the measured pings, by `pingKey`: every dispatcher socket should get each. */
  toDispatchers: Map<string, number>
  /** The measured pings of drivers whose parcel a tracking socket follows. */
  toTracking: Map<string, number>
  /** The measured pings in the order they left, for sockets that match them themselves. */
  measured: SentPing[]
  /** Pings built so far, warm-up included: all for the dispatchers, some for tracking pages. */
  built(): { all: number; tracked: number }
}

/**
 * The pings of the realtime run: the drivers in turn, so at `drivers.length` pings a second
 * each driver pings once a second, far more than the gateway's 20 ms frame window apart.
 * Each ping's device time is its send time, which is how the sockets' copies are matched to
 * it; pings before `measuredFrom` are the warm-up and are not kept.
 */
export function pingLog(options: {
  drivers: BenchDriver[]
  tracked: ReadonlySet<string>
  measuredFrom: number
  clock?: () => number
}): PingLog {
  const { drivers, tracked, measuredFrom, clock = wallClockMs } = options
  const toDispatchers = new Map<string, number>()
  const toTracking = new Map<string, number>()
  const measured: SentPing[] = []
  const built = { all: 0, tracked: 0 }
  return {
    build(n) {
      const driver = drivers[n % drivers.length]!
      const sentAt = clock()
      built.all++
      if (tracked.has(driver.driverId)) built.tracked++
      // Whole milliseconds, as the ping's `time` and the position's `recordedAt` carry it.
      const recordedAt = new Date(sentAt)
      if (n >= measuredFrom) {
        const key = pingKey(driver.driverId, recordedAt.getTime())
        toDispatchers.set(key, sentAt)
        measured.push({ driverId: driver.driverId, recordedAtMs: recordedAt.getTime() })
        if (tracked.has(driver.driverId)) toTracking.set(key, sentAt)
      }
      return { path: '/api/locations', ...pingRequest(driver, n, recordedAt) }
    },
    toDispatchers,
    toTracking,
    measured,
    built: () => ({ ...built }),
  }
}
