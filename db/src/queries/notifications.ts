import type { ShipmentStatus } from '@dropmate/core'
import type { Queryable } from '../client'
import type { VehicleType } from '@dropmate/core'

/** What an email or a text to a shipment's receiver needs; only the consumer that sends it reads it. */
export interface NotificationTarget {
  id: string
  trackingNumber: string
  status: ShipmentStatus
  receiverName: string
  receiverEmail: string | null
  receiverPhone: string | null
  receiverLat: number
  receiverLng: number
  driverName: string | null
  vehicleType: VehicleType | null
  notificationsOptedOutAt: Date | null
}

export async function findNotificationTarget(
  sql: Queryable,
  shipmentId: string,
): Promise<NotificationTarget | undefined> {
  const [row] = await sql<NotificationTarget[]>`
    select
      s.id,
      s.tracking_number,
      s.status,
      s.receiver_name,
      s.receiver_email,
      s.receiver_phone,
      s.receiver_lat,
      s.receiver_lng,
      u.name as driver_name,
      d.vehicle_type,
      s.notifications_opted_out_at
    from shipments s
    left join drivers d on d.id = s.driver_id
    left join users u on u.id = d.user_id
    where s.id = ${shipmentId}
  `
  return row
}

/**
 * Stops a shipment's emails. The first opt-out's time stays; false when no shipment has the
 * tracking number.
 */
export async function optOutOfNotifications(
  sql: Queryable,
  trackingNumber: string,
): Promise<boolean> {
  const rows = await sql`
    update shipments
    set notifications_opted_out_at = coalesce(notifications_opted_out_at, now())
    where tracking_number = ${trackingNumber}
    returning id
  `
  return rows.length > 0
}
