import type { ShipmentStatus } from '@dropmate/core'
import type { Queryable } from '../client'
import type { VehicleType } from '@dropmate/core'

export interface TrackingRow {
  id: string
  trackingNumber: string
  status: ShipmentStatus
  receiverAddress: string
  receiverLat: number
  receiverLng: number
  driverId: string | null
  driverName: string | null
  vehicleType: VehicleType | null
  createdAt: Date
  deliveredAt: Date | null
  deliveryWindowFrom: Date | null
  deliveryWindowTo: Date | null
  timeline: Array<{ type: string; toStatus: ShipmentStatus | null; occurredAt: string }>
}

/**
 * Everything the public tracking view needs, in one statement, so a known and an unknown
 * number cost the same round trip. Only non-personal columns leave the database.
 */
export async function findTrackingRow(
  sql: Queryable,
  trackingNumber: string,
): Promise<TrackingRow | undefined> {
  const [row] = await sql<TrackingRow[]>`
    select
      s.id,
      s.tracking_number,
      s.status,
      s.receiver_address,
      s.receiver_lat,
      s.receiver_lng,
      s.driver_id,
      u.name as driver_name,
      d.vehicle_type,
      s.created_at,
      s.delivered_at,
      s.delivery_window_from,
      s.delivery_window_to,
      coalesce(
        (
          select json_agg(
            json_build_object('type', e.type, 'toStatus', e.to_status, 'occurredAt', e.occurred_at)
            order by e.occurred_at, e.id
          )
          from shipment_events e
          where e.shipment_id = s.id
            and e.type in ('created', 'assigned', 'status_changed', 'arrived_nearby')
            -- a reassignment is the dispatcher's business, not a step of the journey
            and (e.type = 'arrived_nearby' or e.from_status is distinct from e.to_status)
        ),
        '[]'
      ) as timeline
    from shipments s
    left join drivers d on d.id = s.driver_id
    left join users u on u.id = d.user_id
    where s.tracking_number = ${trackingNumber}
  `
  return row
}
