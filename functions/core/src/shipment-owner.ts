import type { Actor } from './status-machine'

/**
 * Whose a new shipment is. `check`: staff named the customer, and only the database can say
 * whether that account is one.
 */
export type NewShipmentOwner =
  { customerId: string | null; check: boolean } | { refused: 'forbidden_field' }

/**
 * Customers create shipments for themselves; staff may name a customer, or none.
 *
 * @example
 * ownerOfNewShipment({ role: 'customer', userId }, undefined) // { customerId: userId, check: false }
 */
export function ownerOfNewShipment(actor: Actor, customerId: string | undefined): NewShipmentOwner {
  if (actor.role === 'customer') {
    if (customerId && customerId !== actor.userId) return { refused: 'forbidden_field' }
    return { customerId: actor.userId, check: false }
  }
  return customerId ? { customerId, check: true } : { customerId: null, check: false }
}
