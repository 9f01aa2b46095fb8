import type { DriverPosition } from '@dropmate/db'

/** One GPS fix of a driver, as the phone reported it: the row history keeps, too. */
export type DriverFix = DriverPosition

/** A driver's latest fix as the store keeps it. */
export interface StoredFix extends DriverFix {
  /** The average of the speeds recent pings reported (`smoothSpeed`); null before any did. */
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
   * Keeps the fix as the driver's latest unless a later one (by device time) is stored
   * already: pings arriving out of order never move a driver backwards. True when it became
   * the latest.
   */
  record(fix: DriverFix): Promise<boolean>
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
