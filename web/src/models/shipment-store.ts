import type { ShipmentUpdate } from '@dropmate/contracts/sockets'
import { signal } from '@preact/signals'
import type { Shipment } from '@dropmate/contracts/rest'

export type ShipmentStore = ReturnType<typeof createShipmentStore>

/**
 * Every shipment a page has loaded, by id, once: the list, the map and the detail panel read
 * the same record, so a socket event patches all three. Versions only go up: a page fetched
 * before an event and answered after it cannot move a shipment back.
 */
export function createShipmentStore() {
  const byId = signal<ReadonlyMap<string, Shipment>>(new Map())

  const put = (shipments: Shipment[]) => {
    if (shipments.length === 0) return
    const next = new Map(byId.peek())
    for (const shipment of shipments) {
      const known = next.get(shipment.id)
      if (!known || known.version <= shipment.version) next.set(shipment.id, shipment)
    }
    byId.value = next
  }

  /** Patches a known shipment from a socket event; false when the page has not loaded it. */
  const apply = (update: ShipmentUpdate): boolean => {
    const known = byId.peek().get(update.shipmentId)
    if (!known) return false
    if (known.version >= update.version) return true
    const next = new Map(byId.peek())
    next.set(update.shipmentId, {
      ...known,
      status: update.status,
      driverId: update.driverId,
      version: update.version,
      updatedAt: update.at,
      ...(update.status === 'cancelled' && { cancellationReason: update.reason }),
    })
    byId.value = next
    return true
  }

  return { byId, put, apply }
}
