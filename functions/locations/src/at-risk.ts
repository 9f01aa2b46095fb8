import type { ApiDeps, DeliveryDirectory } from '@dropmate/kit'
import { factsOf, shipmentEvents } from '@dropmate/contracts/shipment-events'
import { runsPastSlot, type EtaWindow } from '@dropmate/core'
import {
  appendShipmentEvent,
  enqueueEvent,
  markAtRisk,
  type DeliveryInTransit,
  type Shipment,
} from '@dropmate/db'
import { logger } from '@dropmate/runtime'
import { INGEST_SOURCE } from './arrivals'

/**
 * Marks each parcel whose arrival window now runs past its slot, from what ingest already
 * holds (the parcels carried, with their slot and whether they were marked): a ping costs no
 * query until a parcel first runs late, and then one transaction, once. A database hiccup
 * only delays it: the next ping tries again.
 */
export async function flagParcelsAtRisk(
  deps: Pick<ApiDeps, 'sql' | 'trackingCache'> & { deliveries: DeliveryDirectory },
  driverId: string,
  carried: DeliveryInTransit[],
  etas: Array<{ shipmentId: string; eta: EtaWindow }>,
): Promise<void> {
  for (const { shipmentId, eta } of etas) {
    const delivery = carried.find((each) => each.shipmentId === shipmentId)
    const slotEnd = delivery?.deliveryWindowTo
    if (!delivery || delivery.atRisk || !slotEnd || !runsPastSlot(eta, slotEnd)) continue
    try {
      await announceAtRisk(deps, { driverId, shipmentId, eta })
      deps.deliveries.markAtRisk(driverId, shipmentId)
    } catch (error) {
      logger.warn({ err: error }, 'at-risk mark not recorded, the next ping retries')
    }
  }
}

/**
 * Marks the shipment at risk, puts it on the timeline and queues its event, in one
 * transaction; nothing when it was marked already (by another replica, or an earlier ping).
 */
async function announceAtRisk(
  deps: Pick<ApiDeps, 'sql' | 'trackingCache'>,
  at: { driverId: string; shipmentId: string; eta: EtaWindow },
): Promise<void> {
  const marked = await deps.sql.begin(async (tx) => {
    const shipment = await markAtRisk(tx, at.shipmentId)
    if (!shipment) return undefined
    await appendShipmentEvent(tx, {
      shipmentId: shipment.id,
      type: 'at_risk',
      actorRole: 'system',
      note: 'May arrive after the delivery slot',
      metadata: { eta: at.eta },
    })
    await enqueueEvent(
      tx,
      shipmentEvents.atRisk(INGEST_SOURCE, {
        ...factsOf(shipment),
        deliveryWindow: slotOf(shipment),
        eta: { earliest: at.eta.earliest, latest: at.eta.latest },
      }),
    )
    return shipment
  })
  if (marked) await deps.trackingCache.invalidate(marked.trackingNumber)
}

function slotOf(shipment: Shipment) {
  return {
    from: shipment.deliveryWindowFrom!.toISOString(),
    to: shipment.deliveryWindowTo!.toISOString(),
  }
}
