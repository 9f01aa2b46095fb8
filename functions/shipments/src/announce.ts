import { EVENT_TYPES, type ShipmentStatus } from '@dropmate/core'
import { enqueueEvent, type Queryable, type Shipment } from '@dropmate/db'

/**
 * Writes the CloudEvents a shipment change announces into the outbox, inside the change's
 * own transaction. Data carries ids and states, never contact details: consumers that need
 * those read them with their own permissions.
 */
export async function announce(
  tx: Queryable,
  source: string,
  change:
    | { kind: 'created'; shipment: Shipment }
    | { kind: 'status_changed'; shipment: Shipment; from: ShipmentStatus; reason: string | null }
    | { kind: 'assigned'; shipment: Shipment; previousDriverId: string | null },
): Promise<void> {
  const { shipment } = change
  const base = {
    shipmentId: shipment.id,
    trackingNumber: shipment.trackingNumber,
    status: shipment.status,
    driverId: shipment.driverId,
    customerId: shipment.customerId,
    version: shipment.version,
    at: shipment.updatedAt.toISOString(),
  }
  const event = (type: (typeof EVENT_TYPES)[keyof typeof EVENT_TYPES], data: object) =>
    enqueueEvent(tx, { type, source, subject: shipment.id, data: { ...base, ...data } })
  switch (change.kind) {
    case 'created':
      return void (await event(EVENT_TYPES.shipmentCreated, {}))
    case 'status_changed':
      return void (await event(EVENT_TYPES.shipmentStatusChanged, {
        from: change.from,
        to: shipment.status,
        reason: change.reason,
      }))
    case 'assigned':
      return void (await event(EVENT_TYPES.shipmentAssigned, {
        previousDriverId: change.previousDriverId,
      }))
  }
}
