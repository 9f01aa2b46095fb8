import { findDeliveriesInTransit, type DeliveryInTransit, type Sql } from '@dropmate/db'

export interface DeliveryDirectory {
  /** The parcels the driver has in transit, at most `ttlMs` old. */
  inTransit(driverId: string): Promise<DeliveryInTransit[]>
  /** Notes an arrival this process recorded, so the next pings do not try again. */
  markArrived(driverId: string, shipmentId: string): void
}

// Past this many drivers the oldest entries go: a fleet is hundreds, not millions.
const MAX_DRIVERS = 10_000

/**
 * What each driver carries, as ingest needs it on every ping: read from PostgreSQL at most
 * once per `ttlMs` per driver, so a fleet pinging every couple of seconds costs a query per
 * driver every few seconds rather than one per ping. A parcel that just went in transit is
 * picked up within `ttlMs`; the realtime gateway decides who may see positions on its own.
 */
export function createDeliveryDirectory(sql: Sql, { ttlMs = 5_000 } = {}): DeliveryDirectory {
  const entries = new Map<string, { loadedAt: number; deliveries: Promise<DeliveryInTransit[]> }>()

  return {
    inTransit(driverId) {
      const now = Date.now()
      const entry = entries.get(driverId)
      if (entry && now - entry.loadedAt < ttlMs) return entry.deliveries
      entries.delete(driverId)
      if (entries.size >= MAX_DRIVERS) entries.delete(entries.keys().next().value!)
      const deliveries = findDeliveriesInTransit(sql, driverId)
      // A failed read is not kept: the next ping asks the database again.
      deliveries.catch(() => {
        if (entries.get(driverId)?.deliveries === deliveries) entries.delete(driverId)
      })
      entries.set(driverId, { loadedAt: now, deliveries })
      return deliveries
    },

    markArrived(driverId, shipmentId) {
      void entries.get(driverId)?.deliveries.then((deliveries) => {
        const delivery = deliveries.find((each) => each.shipmentId === shipmentId)
        if (delivery) delivery.arrived = true
      })
    },
  }
}
