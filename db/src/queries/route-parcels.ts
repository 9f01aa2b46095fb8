import { ACTIVE_STATUSES, type VehicleType } from '@dropmate/core'
import type { Queryable } from '../client'

/** A parcel still open in a driver's hands, with both ends of its journey. */
export interface OpenParcel {
  id: string
  trackingNumber: string
  /** Still at the sender: the route must collect it first. */
  toCollect: boolean
  senderName: string
  senderAddress: string
  senderLat: number
  senderLng: number
  receiverName: string
  receiverAddress: string
  receiverLat: number
  receiverLng: number
  version: number
}

/**
 * A driver, their vehicle and the parcels their route is made of: assigned ones still to
 * collect, and those picked up, in transit or back in the bag after a failed attempt.
 * Undefined when there is no such driver.
 */
export async function findDriverParcels(
  sql: Queryable,
  driverId: string,
): Promise<{ vehicleType: VehicleType; parcels: OpenParcel[] } | undefined> {
  const [driver] = await sql<{ vehicleType: VehicleType }[]>`
    select vehicle_type
    from drivers
    where id = ${driverId}
  `
  if (!driver) return undefined
  const parcels = await sql<OpenParcel[]>`
    select
      id,
      tracking_number,
      status = 'assigned' as to_collect,
      sender_name,
      sender_address,
      sender_lat,
      sender_lng,
      receiver_name,
      receiver_address,
      receiver_lat,
      receiver_lng,
      version
    from shipments
    where driver_id = ${driverId}
      and status in ${sql(ACTIVE_STATUSES)}
    order by assigned_at, id
  `
  return { vehicleType: driver.vehicleType, parcels }
}
