import { ACTIVE_STATUSES, type ShipmentStatus } from '@dropmate/core'
import type { Queryable } from '../client'

/** Who a live shipment concerns and where it is in its journey; nothing personal. */
export interface ActiveShipment {
  id: string
  trackingNumber: string
  status: ShipmentStatus
  driverId: string | null
  customerId: string | null
  version: number
}

/** Every shipment a driver is on: what the realtime gateway routes positions by. */
export async function listActiveShipments(sql: Queryable): Promise<ActiveShipment[]> {
  return sql<ActiveShipment[]>`
    select
      id,
      tracking_number,
      status,
      driver_id,
      customer_id,
      version
    from shipments
    where status in ${sql(ACTIVE_STATUSES)}
  `
}

/** The shipment a tracking number names, as the public tracking socket follows it. */
export async function findTrackedShipment(
  sql: Queryable,
  trackingNumber: string,
): Promise<{ id: string; status: ShipmentStatus } | undefined> {
  const [shipment] = await sql<{ id: string; status: ShipmentStatus }[]>`
    select
      id,
      status
    from shipments
    where tracking_number = ${trackingNumber}
  `
  return shipment
}
