import type { Principal } from '@dropmate/kit'
import { canSee } from '@dropmate/core'
import { findShipmentById, type Queryable, type Shipment } from '@dropmate/db'
import { ProblemError } from '@dropmate/runtime'

/** 404 for shipments that do not exist and for those the caller may not see, alike. */
export const shipmentNotFound = () => new ProblemError('shipment_not_found', 'No such shipment.')

export async function findVisibleShipment(
  sql: Queryable,
  id: string,
  actor: Principal,
): Promise<Shipment> {
  const shipment = await findShipmentById(sql, id)
  if (!shipment || !canSee(actor, shipment)) throw shipmentNotFound()
  return shipment
}
