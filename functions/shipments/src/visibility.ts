import type { Principal } from '@dropmate/api'
import { findShipmentById, type Queryable, type Shipment } from '@dropmate/db'
import { ProblemError } from '@dropmate/runtime'

/**
 * Whether the caller may see a shipment at all: staff see everything, a driver their own
 * and those waiting to be claimed, a customer their own.
 */
export function canSee(actor: Principal, shipment: Shipment): boolean {
  switch (actor.role) {
    case 'admin':
    case 'dispatcher':
      return true
    case 'driver':
      return (
        shipment.driverId === actor.driverId ||
        (shipment.status === 'pending' && shipment.driverId === null)
      )
    case 'customer':
      return shipment.customerId === actor.userId
  }
}

/** 404 for shipments that do not exist and for those the caller may not see, alike. */
export const shipmentNotFound = () =>
  new ProblemError(404, 'shipment_not_found', 'No such shipment.')

export async function findVisibleShipment(
  sql: Queryable,
  id: string,
  actor: Principal,
): Promise<Shipment> {
  const shipment = await findShipmentById(sql, id)
  if (!shipment || !canSee(actor, shipment)) throw shipmentNotFound()
  return shipment
}
