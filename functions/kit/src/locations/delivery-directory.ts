import { listDeliveriesInTransit, type CarriedDelivery, type DeliveryInTransit } from '@dropmate/db'
import type { Sql } from '@dropmate/db'
import type { Feed, Follower } from '@dropmate/events'
import { logger } from '@dropmate/runtime'

export interface DeliveryDirectory {
  /** The parcels the driver has in transit. */
  inTransit(driverId: string): Promise<DeliveryInTransit[]>
  /** Notes an arrival this process recorded, so the next pings do not try again. */
  markArrived(driverId: string, shipmentId: string): void
  /** Notes a parcel marked at risk of missing its slot, so the next pings do not try again. */
  markAtRisk(driverId: string, shipmentId: string): void
  /** Stops following the broker's log. */
  close(): Promise<void>
}

// The broker's shipment events: `subject` is the shipment.
const SHIPMENT_EVENT = /^com\.dropmate\.shipment\./

/**
 * What each driver carries, as ingest needs it on every ping, without a query per ping:
 * every parcel in transit is loaded once, on the first ping a process takes, and kept current
 * from the shipment events on the broker's log, each re-reading its one shipment. A change
 * reaches the directory as soon as its event is relayed (within the outbox relay's beat); a
 * re-read that fails leaves the whole directory to be loaded again on the next ping. API
 * processes that never take a ping never load it.
 */
export function createDeliveryDirectory(
  sql: Sql,
  published: Pick<Feed, 'follow'>,
): DeliveryDirectory {
  const byDriver = new Map<string, CarriedDelivery[]>()
  const carrierOf = new Map<string, string>()
  let loaded: Promise<void> | undefined
  let follower: Follower | undefined
  // Shipments whose events arrived while the whole directory was being read.
  let touchedWhileLoading: Set<string> | undefined
  // One re-read at a time, in the order of the events: a slow one never lands last.
  let rereading = Promise.resolve()

  const forget = (shipmentId: string) => {
    const driverId = carrierOf.get(shipmentId)
    if (driverId === undefined) return
    carrierOf.delete(shipmentId)
    const left = byDriver.get(driverId)!.filter((each) => each.shipmentId !== shipmentId)
    if (left.length) byDriver.set(driverId, left)
    else byDriver.delete(driverId)
  }

  const place = (delivery: CarriedDelivery) => {
    carrierOf.set(delivery.shipmentId, delivery.driverId)
    byDriver.set(delivery.driverId, [...(byDriver.get(delivery.driverId) ?? []), delivery])
  }

  const reread = (shipmentId: string) => {
    rereading = rereading.then(async () => {
      try {
        const [delivery] = await listDeliveriesInTransit(sql, { shipmentId })
        forget(shipmentId)
        if (delivery) place(delivery)
      } catch (error) {
        logger.warn({ err: error }, 'a delivery not re-read; loading them all on the next ping')
        loaded = undefined
      }
    })
  }

  const changed = (events: string[]) => {
    for (const encoded of events) {
      const { type, subject } = JSON.parse(encoded) as { type?: string; subject?: string }
      if (!type || !SHIPMENT_EVENT.test(type) || !subject) continue
      if (touchedWhileLoading) touchedWhileLoading.add(subject)
      else reread(subject)
    }
  }

  const follow = () => {
    follower = published.follow(changed)
    // Changes made before the follower knows where the log ends may slip past it, so what
    // was loaded until then is loaded again. Not waited for: with Redis away, pings must
    // still be answered (refused) at once.
    void follower.ready.then(() => {
      loaded = undefined
    })
  }

  const load = async () => {
    if (!follower) follow()
    touchedWhileLoading = new Set()
    try {
      const all = await listDeliveriesInTransit(sql)
      byDriver.clear()
      carrierOf.clear()
      for (const delivery of all) place(delivery)
    } finally {
      const touched = touchedWhileLoading
      touchedWhileLoading = undefined
      for (const shipmentId of touched) reread(shipmentId)
    }
  }

  return {
    async inTransit(driverId) {
      loaded ??= load().catch((error: unknown) => {
        loaded = undefined
        throw error
      })
      await loaded
      return byDriver.get(driverId) ?? []
    },

    markArrived(driverId, shipmentId) {
      const delivery = byDriver.get(driverId)?.find((each) => each.shipmentId === shipmentId)
      if (delivery) delivery.arrived = true
    },

    markAtRisk(driverId, shipmentId) {
      const delivery = byDriver.get(driverId)?.find((each) => each.shipmentId === shipmentId)
      if (delivery) delivery.atRisk = true
    },

    async close() {
      await follower?.close()
    },
  }
}
