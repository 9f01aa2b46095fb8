import type { ApiDeps, DriverFix } from '@dropmate/kit'
import { shipmentEvents } from '@dropmate/contracts/shipment-events'
import { enqueueEvent, recordArrival, type DeliveryInTransit } from '@dropmate/db'

/** The function pings come in through: the source of the events they cause. */
export const INGEST_SOURCE = '/functions/ingest-locations'

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
      shipmentEvents.arriving(INGEST_SOURCE, {
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
