import type { Role, ShipmentStatus } from '@dropmate/core'
import type { Queryable } from '../client'
import type { ShipmentEvent, ShipmentEventType } from '../types'

export interface NewShipmentEvent {
  shipmentId: string
  type: ShipmentEventType
  fromStatus?: ShipmentStatus | null
  toStatus?: ShipmentStatus | null
  actorUserId?: string | null
  actorRole?: Role | 'system' | null
  lat?: number | null
  lng?: number | null
  note?: string | null
  metadata?: Record<string, unknown>
  occurredAt?: Date
}

export async function appendShipmentEvent(
  sql: Queryable,
  event: NewShipmentEvent,
): Promise<ShipmentEvent> {
  const [appended] = await sql<ShipmentEvent[]>`
    insert into shipment_events ${sql({
      shipmentId: event.shipmentId,
      type: event.type,
      fromStatus: event.fromStatus ?? null,
      toStatus: event.toStatus ?? null,
      actorUserId: event.actorUserId ?? null,
      actorRole: event.actorRole ?? null,
      lat: event.lat ?? null,
      lng: event.lng ?? null,
      note: event.note ?? null,
      metadata: sql.json((event.metadata ?? {}) as never),
      occurredAt: event.occurredAt ?? new Date(),
    })}
    returning *
  `
  return appended!
}

/** A shipment's timeline, oldest first. */
export async function listShipmentEvents(
  sql: Queryable,
  shipmentId: string,
): Promise<ShipmentEvent[]> {
  return sql<ShipmentEvent[]>`
    select *
    from shipment_events
    where shipment_id = ${shipmentId}
    order by occurred_at, id
  `
}
