import type { ShipmentStatus } from './status-machine'

/** What deciding on a receiver's email needs of the shipment. */
export interface EmailedReceiver {
  receiverEmail: string | null
  notificationsOptedOutAt: Date | null
  status: ShipmentStatus
}

/**
 * Whether the receiver gets an email about the shipment now: only with an address and not
 * after opting out; "nearly there" only while the parcel is on its way, since a retry that
 * comes late would reach someone already holding it.
 *
 * @example
 * shouldEmailReceiver({ receiverEmail, notificationsOptedOutAt: null, status: 'delivered' }, 'arriving') // false
 */
export function shouldEmailReceiver(shipment: EmailedReceiver, notice: string): boolean {
  if (!shipment.receiverEmail || shipment.notificationsOptedOutAt) return false
  return notice !== 'arriving' || shipment.status === 'in_transit'
}
