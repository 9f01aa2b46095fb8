import type { AppNamespace, TrackingNamespace } from './namespaces'
import type { ShipmentAssignment, ShipmentUpdate } from '@dropmate/contracts/sockets'
import type { ActiveShipment, ShipmentRegistry } from './registry'
import { emitSpan } from './emit-span'
import { driverRoom, shipmentRoom, viewerRooms } from './rooms'

export interface ShipmentFanOut {
  app: AppNamespace
  tracking: TrackingNamespace
  registry: ShipmentRegistry
  /** Passes the change on to the other gateways' registries. */
  share: (shipment: ActiveShipment) => void
}

/**
 * Carries a shipment change to who may see it: staff, its customer, its driver and its
 * subscribers get the update (and the assignment, which the driver it was taken from gets
 * too); its tracking pages get the public part. An event older than what is known changes
 * nothing; a second event of the same version (status_changed and assigned of one move)
 * adds only what it says beyond the first.
 */
export function createShipmentFanOut({ app, tracking, registry, share }: ShipmentFanOut) {
  return (update: ShipmentUpdate, assignment?: ShipmentAssignment) => {
    const { shipmentId: id, trackingNumber, status, driverId, customerId, version, at } = update
    const shipment = { id, trackingNumber, status, driverId, customerId, version }
    const freshness = registry.apply(shipment)
    if (freshness === 'stale') return
    const room = shipmentRoom(id)
    const viewers = viewerRooms(update)
    // Subscribers who may no longer see it (it went to another driver) stop receiving it.
    app.in(room).except(viewers).socketsLeave(room)
    if (freshness === 'newer') {
      share(shipment)
      app.to([...viewers, room]).emit('shipment_updated', update)
      tracking.to(room).emit('shipment_updated', { trackingNumber, status, at })
      // The tracking page's shipment room is the same kind, in the /track namespace.
      emitSpan('shipment_updated', [...viewers, room, room])
    }
    if (assignment) {
      const previous = assignment.previousDriverId ? [driverRoom(assignment.previousDriverId)] : []
      const rooms = [...viewers, room, ...previous]
      app.to(rooms).emit('shipment_assigned', assignment)
      emitSpan('shipment_assigned', rooms)
    }
  }
}
