import type { ShipmentStatus } from './status-machine'

/** What a receiver can be told of (functions/notify/src/notice.ts says when). */
export const NOTICE_KINDS = [
  'assigned',
  'on_its_way',
  'arriving',
  'delivered',
  'failed',
  'slot_moved',
] as const

export type NoticeKind = (typeof NOTICE_KINDS)[number]

/** What deciding on telling a receiver needs of the shipment. */
export interface NotifiedReceiver {
  notificationsOptedOutAt: Date | null
  status: ShipmentStatus
}

/**
 * Whether the receiver is told of `notice` now, on a channel they gave `contact` (an email
 * address, a phone number) for: never without one or after opting out, which covers every
 * channel; "nearly there" only while the parcel is on its way, since a retry that comes late
 * would reach someone already holding it.
 *
 * @example
 * shouldNotifyReceiver({ notificationsOptedOutAt: null, status: 'delivered' }, email, 'arriving') // false
 */
export function shouldNotifyReceiver(
  shipment: NotifiedReceiver,
  contact: string | null,
  notice: NoticeKind,
): boolean {
  if (!contact || shipment.notificationsOptedOutAt) return false
  return notice !== 'arriving' || shipment.status === 'in_transit'
}
