import { factsOf, shipmentEvents } from '@dropmate/contracts/shipment-events'
import type { ShipmentStatus } from '@dropmate/core'
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
  const facts = factsOf(shipment)
  switch (change.kind) {
    case 'created':
      return void (await enqueueEvent(tx, shipmentEvents.created(source, facts)))
    case 'status_changed': {
      const { from, reason } = change
      const data = { ...facts, from, to: shipment.status, reason }
      return void (await enqueueEvent(tx, shipmentEvents.statusChanged(source, data)))
    }
    case 'assigned': {
      const data = { ...facts, previousDriverId: change.previousDriverId }
      return void (await enqueueEvent(tx, shipmentEvents.assigned(source, data)))
    }
  }
}
