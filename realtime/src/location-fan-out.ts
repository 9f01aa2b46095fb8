import { BoundedMap } from '@dropmate/core'
import type { Coalescer } from './coalescer'
import type { AppNamespace, TrackingNamespace } from './namespaces'
import type { DriverLocation } from '@dropmate/contracts/sockets'
import type { ShipmentRegistry } from './registry'
import { FLEET, shipmentRoom } from './rooms'

export interface LocationFanOut {
  app: AppNamespace
  tracking: TrackingNamespace
  registry: ShipmentRegistry
  coalescer: Coalescer
}

// Far more drivers than a shop has; beyond it the oldest are forgotten, not the process.
const DRIVERS_KEPT = 10_000

/**
 * Carries a driver's position: whole to staff; to the subscribers of each shipment the driver
 * has in transit (by the registry, not by the event) with that shipment's arrival window
 * only; to its tracking pages without ids. Each room gets at most one position per driver per
 * coalescing window, and one held back is dropped if the shipment stopped being in transit
 * with this driver meanwhile. A position older than one already sent is dropped: deliveries
 * can arrive out of order.
 */
export function createLocationFanOut({ app, tracking, registry, coalescer }: LocationFanOut) {
  const newest = new BoundedMap<string, number>(DRIVERS_KEPT)
  return (location: DriverLocation) => {
    const { driverId, lat, lng, recordedAt } = location
    const at = Date.parse(recordedAt)
    if (at < (newest.get(driverId) ?? -Infinity)) return
    newest.set(driverId, at)
    coalescer.offer(`/ ${FLEET} ${driverId}`, () => app.to(FLEET).emit('driver_location', location))
    for (const shipment of registry.inTransitWith(driverId)) {
      const room = shipmentRoom(shipment.id)
      const eta = location.deliveries.find((d) => d.shipmentId === shipment.id)?.eta ?? null
      const carried = () => registry.isInTransitWith(shipment.id, driverId)
      coalescer.offer(`/ ${room} ${driverId}`, () => {
        if (!carried()) return
        const deliveries = [{ shipmentId: shipment.id, eta }]
        // Staff have the whole position from the fleet room already.
        app
          .to(room)
          .except(FLEET)
          .emit('driver_location', { ...location, deliveries })
      })
      coalescer.offer(`/track ${room} ${driverId}`, () => {
        if (!carried()) return
        const { trackingNumber } = shipment
        tracking.to(room).emit('driver_location', { trackingNumber, lat, lng, recordedAt, eta })
      })
    }
  }
}
