import type { ApiDeps, DriverFix } from '@dropmate/kit'
import { shipmentEvents } from '@dropmate/contracts/shipment-events'
import { ARRIVAL_RADIUS_M, distanceMeters } from '@dropmate/core'
import { enqueueEvent, recordArrival, type DeliveryInTransit } from '@dropmate/db'

const SOURCE = '/functions/ingest-locations'

/**
 * The first fix, of those given in time order, within reach of each delivery's door; one
 * per delivery not yet marked arrived.
 */
export function findArrivals(fixes: DriverFix[], deliveries: DeliveryInTransit[]) {
  return deliveries.flatMap((delivery) => {
    if (delivery.arrived) return []
    const door = { lat: delivery.receiverLat, lng: delivery.receiverLng }
    const fix = fixes.find((each) => distanceMeters(each, door) <= ARRIVAL_RADIUS_M)
    return fix ? [{ delivery, fix }] : []
  })
}

/**
 * Puts "arriving" on the shipment's timeline and announces it, in one transaction, once:
 * replicas racing on the same ping, or a ping replayed, find it recorded and do nothing.
 * True when this call recorded it.
 */
export async function announceArrival(
  deps: Pick<ApiDeps, 'sql' | 'trackingCache'>,
  { delivery, fix }: { delivery: DeliveryInTransit; fix: DriverFix },
): Promise<boolean> {
  const recorded = await deps.sql.begin(async (tx) => {
    const arrival = { ...fix, shipmentId: delivery.shipmentId, at: fix.recordedAt }
    if (!(await recordArrival(tx, arrival))) return false
    await enqueueEvent(
      tx,
      shipmentEvents.arriving(SOURCE, {
        shipmentId: delivery.shipmentId,
        trackingNumber: delivery.trackingNumber,
        driverId: fix.driverId,
        customerId: delivery.customerId,
        at: fix.recordedAt.toISOString(),
      }),
    )
    return true
  })
  if (recorded) await deps.trackingCache.invalidate(delivery.trackingNumber)
  return recorded
}
