import type { LatLng } from '@dropmate/core'
import type { Queryable } from '../client'

/** One GPS fix of a driver, as the phone reported it. */
export interface DriverPosition extends LatLng {
  driverId: string
  accuracyM: number | null
  speedMps: number | null
  headingDeg: number | null
  /** Device time of the fix. */
  recordedAt: Date
}

/** A fix as history keeps it: with the CloudEvent it came in, to store it once. */
export interface PingRow extends DriverPosition {
  eventSource: string
  eventId: string
}

/**
 * Appends pings to the history in one statement; a ping whose CloudEvent was stored before
 * (a retried request, a replayed batch) is skipped, not an error.
 */
export async function insertPings(sql: Queryable, pings: PingRow[]): Promise<number> {
  if (pings.length === 0) return 0
  // The command's count: no row per ping comes back to be read.
  const inserted = await sql`
    insert into driver_locations ${sql(pings)}
    on conflict (event_source, event_id, recorded_at) do nothing
  `
  return inserted.count
}
