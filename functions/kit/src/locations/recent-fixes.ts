import { LRUCache } from 'lru-cache'
import type { LocationStore, StoredFix } from './location-store'

/**
 * How much older than the store's a driver's position on a public tracking page may be. A
 * phone pings every few seconds, and the page follows its driver live over its socket once
 * open: a second more on its first position changes nothing a customer sees.
 */
export const RECENT_FIX_MS = 1_000
// Drivers with a parcel on its way that someone is looking up: a city's fleet, and more.
const DRIVERS_KEPT = 20_000

/**
 * A driver's latest fix as public tracking lookups read it: one read of the store per driver
 * per `maxAgeMs`, shared by every lookup of any of their parcels in between, and by those
 * that come while it runs. With Redis that read is a round trip, more than the rest of a
 * cached lookup. A driver with no fix is remembered as such too; a failed read is not.
 *
 * @example
 * const fixOf = recentFixes(deps.locations.store)
 * const fix = await fixOf(driverId) // at most a second older than the store's
 */
export function recentFixes(
  store: Pick<LocationStore, 'latest'>,
  maxAgeMs = RECENT_FIX_MS,
): (driverId: string) => Promise<StoredFix | undefined> {
  // lru-cache keeps no undefined, hence the box.
  const fixes = new LRUCache<string, { fix: StoredFix | undefined }>({
    max: DRIVERS_KEPT,
    ttl: maxAgeMs,
    fetchMethod: async (driverId) => ({ fix: await store.latest(driverId) }),
  })
  return async (driverId) => (await fixes.fetch(driverId))?.fix
}
