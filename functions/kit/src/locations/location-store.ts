import type { DriverPosition } from '@dropmate/db'
import type { EncodedEvent } from '@dropmate/events'

/** One GPS fix of a driver, as the phone reported it: the row history keeps, too. */
export type DriverFix = DriverPosition

/** A driver's latest fix as the store keeps it. */
export interface StoredFix extends DriverFix {
  /** The average of the speeds recent pings reported (`smoothSpeed`); null before any did. */
  recentSpeedMps: number | null
}

/** What `advance` did. */
export interface Advance {
  /** How many of the fixes were later than the stored latest: the last of them is it now. */
  advanced: number
  /** The recent speed kept, after folding theirs in. */
  recentSpeedMps: number | null
}

export interface NearbyDriver extends StoredFix {
  distanceM: number
}

/**
 * Where every driver is now: Redis (a GEO index plus a hash per driver) when Redis is
 * configured, memory in the embedded default. Drivers not heard from for `staleAfterMs`
 * drop out, so a phone switched off does not leave a ghost on the map.
 */
export interface LocationStore {
  /**
   * Takes one driver's fixes, in the order they were taken: those later (by device time) than
   * the stored latest fold their speeds into the recent speed, and the newest of them becomes
   * the latest, so pings arriving out of order never move a driver backwards. When one did,
   * `announcement` (the newest's location event) goes on the positions feed in the same step.
   */
  advance(fixes: readonly DriverFix[], announcement?: EncodedEvent): Promise<Advance>
  latest(driverId: string): Promise<StoredFix | undefined>
  /** The latest fresh fixes of these drivers, in their order; drivers without one are left out. */
  latestOf(driverIds: readonly string[]): Promise<StoredFix[]>
  /** Drivers within `radiusM` of a point, nearest first, at most `limit`. */
  nearby(
    point: { lat: number; lng: number },
    radiusM: number,
    limit: number,
  ): Promise<NearbyDriver[]>
  /** Takes a driver off the map (going off duty). */
  forget(driverId: string): Promise<void>
}
