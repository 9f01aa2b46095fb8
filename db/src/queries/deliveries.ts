import type { Queryable } from '../client'
import type { VehicleType } from '@dropmate/core'

/** A parcel a driver carries right now, with what an arrival estimate needs. */
export interface DeliveryInTransit {
  shipmentId: string
  trackingNumber: string
  customerId: string | null
  receiverLat: number
  receiverLng: number
  vehicleType: VehicleType
  /** Whether the driver was already seen within reach of the door. */
  arrived: boolean
  /** The end of the delivery slot promised, if one was. */
  deliveryWindowTo: Date | null
  /** Whether the parcel was already marked at risk of missing its slot. */
  atRisk: boolean
}

/** A parcel in transit and who carries it. */
export interface CarriedDelivery extends DeliveryInTransit {
  driverId: string
}

/** The parcels in transit: every one, or the one shipment named (none if it is not). */
export async function listDeliveriesInTransit(
  sql: Queryable,
  only: { shipmentId?: string } = {},
): Promise<CarriedDelivery[]> {
  return sql<CarriedDelivery[]>`
    select
      s.id as shipment_id,
      s.driver_id,
      s.tracking_number,
      s.customer_id,
      s.receiver_lat,
      s.receiver_lng,
      d.vehicle_type,
      s.delivery_window_to,
      s.at_risk_at is not null as at_risk,
      exists (
        select 1 from shipment_events e
        where e.shipment_id = s.id and e.type = 'arrived_nearby'
      ) as arrived
    from shipments s
    join drivers d on d.id = s.driver_id
    where s.status = 'in_transit'
      ${only.shipmentId ? sql`and s.id = ${only.shipmentId}` : sql``}
    order by s.created_at, s.id
  `
}

/**
 * Puts "arriving" on the timeline where the driver was; false when it is there already.
 * Only while the shipment is still in transit: a ping late from a batch must not mark a
 * parcel arriving after it was delivered.
 */
export async function recordArrival(
  sql: Queryable,
  arrival: { shipmentId: string; driverId: string; lat: number; lng: number; at: Date },
): Promise<boolean> {
  const rows = await sql`
    insert into shipment_events (shipment_id, type, actor_role, lat, lng, occurred_at)
    select s.id, 'arrived_nearby', 'system', ${arrival.lat}, ${arrival.lng}, ${arrival.at}
    from shipments s
    where s.id = ${arrival.shipmentId}
      and s.driver_id = ${arrival.driverId}
      and s.status = 'in_transit'
    on conflict (shipment_id) where type = 'arrived_nearby' do nothing
    returning id
  `
  return rows.length > 0
}
