import type { Actor, ShipmentParties } from './status-machine'

/**
 * Whether `actor` may see a shipment at all: staff see everything, a driver their own and
 * those waiting to be claimed, a customer their own. The REST API answers 404 for the rest,
 * and the realtime gateway refuses subscriptions to them the same way.
 *
 * @example
 * canSee({ role: 'customer', userId }, shipment) // true when shipment.customerId === userId
 */
export function canSee(actor: Actor, shipment: ShipmentParties): boolean {
  switch (actor.role) {
    case 'admin':
    case 'dispatcher':
      return true
    case 'driver':
      return (
        (actor.driverId != null && shipment.driverId === actor.driverId) ||
        (shipment.status === 'pending' && shipment.driverId === null)
      )
    case 'customer':
      return shipment.customerId === actor.userId
  }
}
