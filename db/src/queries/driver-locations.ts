import type { Queryable } from '../client'

export interface DriverPosition {
  driverId: string
  lat: number
  lng: number
  accuracyM: number | null
  speedMps: number | null
  headingDeg: number | null
  recordedAt: Date
}

/** The newest fix a driver reported, by device time. */
export async function latestDriverPosition(
  sql: Queryable,
  driverId: string,
): Promise<DriverPosition | undefined> {
  const [position] = await sql<DriverPosition[]>`
    select driver_id, lat, lng, accuracy_m, speed_mps, heading_deg, recorded_at
    from driver_locations
    where driver_id = ${driverId}
    order by recorded_at desc
    limit 1
  `
  return position
}
