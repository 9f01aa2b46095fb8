import { distanceMeters, movesForward, smoothSpeed } from '@dropmate/core'
import type { Feed } from '@dropmate/events'
import type { LocationStore, NearbyDriver, StoredFix } from './location-store'

/**
 * The embedded default: one process, a handful of drivers, so `nearby` measures every
 * driver instead of keeping a spatial index. Stale fixes are deleted when met, as the
 * Redis store lets their hashes expire.
 */
export function createMemoryLocationStore(options: {
  staleAfterMs: number
  /** Where announcements of new positions go. */
  positions: Feed
  now?: () => number
}): LocationStore {
  const now = options.now ?? Date.now
  const fixes = new Map<string, StoredFix>()
  const isStale = (fix: { recordedAt: Date }) =>
    now() - fix.recordedAt.getTime() >= options.staleAfterMs

  function current(driverId: string): StoredFix | undefined {
    const fix = fixes.get(driverId)
    if (!fix || !isStale(fix)) return fix
    fixes.delete(driverId)
    return undefined
  }

  return {
    async advance(taken, announcement) {
      const newest = taken.at(-1)
      const stored = newest && current(newest.driverId)
      let recentSpeedMps = stored?.recentSpeedMps ?? null
      // Could never be shown: storing it would only bring back a driver who went quiet.
      const later = taken.filter((fix) => !isStale(fix) && movesForward(stored, fix))
      if (!newest || later.at(-1) !== newest) return { advanced: 0, recentSpeedMps }
      for (const fix of later) recentSpeedMps = smoothSpeed(recentSpeedMps, fix.speedMps)
      fixes.set(newest.driverId, copy({ ...newest, recentSpeedMps }))
      if (announcement) await options.positions.append([announcement])
      return { advanced: later.length, recentSpeedMps }
    },

    async latest(driverId) {
      const fix = current(driverId)
      return fix && copy(fix)
    },

    async latestOf(driverIds) {
      return driverIds.flatMap((driverId) => {
        const fix = current(driverId)
        return fix ? [copy(fix)] : []
      })
    },

    async nearby(point, radiusM, limit) {
      const found: NearbyDriver[] = []
      for (const driverId of [...fixes.keys()]) {
        const fix = current(driverId)
        if (!fix) continue
        const distanceM = distanceMeters(point, fix)
        if (distanceM <= radiusM) found.push({ ...copy(fix), distanceM })
      }
      return found.sort((a, b) => a.distanceM - b.distanceM).slice(0, Math.max(0, limit))
    },

    async forget(driverId) {
      fixes.delete(driverId)
    },
  }
}

/** Only the contract's fields, in a Date of our own: callers mutating theirs change nothing here. */
function copy(fix: StoredFix): StoredFix {
  return {
    driverId: fix.driverId,
    lat: fix.lat,
    lng: fix.lng,
    accuracyM: fix.accuracyM,
    speedMps: fix.speedMps,
    headingDeg: fix.headingDeg,
    recordedAt: new Date(fix.recordedAt.getTime()),
    recentSpeedMps: fix.recentSpeedMps,
  }
}
