import { BoundedMap, isActive, mayShowDriverPosition } from '@dropmate/core'
import type { ActiveShipment } from '@dropmate/db'

export type { ActiveShipment }

/** How an update compares with what the registry knew. */
export type Freshness = 'newer' | 'same' | 'stale'

export interface ShipmentRegistry {
  /**
   * Takes an event's update unless a newer version is known, and says how it compared with
   * what was announced: `same` when an event of that version was already taken (here or, as
   * shared, by another gateway), `newer` when it is still to be announced.
   */
  apply(update: ActiveShipment): Freshness
  /**
   * Brings the registry in line with a snapshot of the active shipments that was started
   * when `stamp()` said `since`: shipments missing from it left the active set, unless an
   * update arrived while the snapshot was being read. What a snapshot shows only routes
   * positions: its event, when it comes, is still announced.
   */
  reconcile(snapshot: ActiveShipment[], since: number): void
  /** A counter that grows with every change, for `reconcile`. */
  stamp(): number
  /** The shipments `driverId` has in transit. */
  inTransitWith(driverId: string): ActiveShipment[]
  /** Whether the shipment is still in transit with that driver: held positions check this. */
  isInTransitWith(shipmentId: string, driverId: string): boolean
}

// Versions of shipments that are not active (pending, delivered, cancelled), so a late event
// cannot bring a delivered shipment back, and the versions whose events were announced;
// older ones than this many are not coming back.
const VERSIONS_KEPT = 50_000

/**
 * What the gateway knows of every shipment a driver is on: loaded from the database at start,
 * kept current by shipment events (and their copies from other gateways), checked against the
 * database now and then. Driver positions reach a shipment's watchers only when this says the
 * shipment is in transit with that driver, whatever a location event claims.
 */
export function createShipmentRegistry(): ShipmentRegistry {
  const active = new Map<string, ActiveShipment & { changed: number }>()
  const inactiveVersions = new BoundedMap<string, number>(VERSIONS_KEPT)
  const announcedVersions = new BoundedMap<string, number>(VERSIONS_KEPT)
  const byDriver = new Map<string, Set<string>>()
  let changes = 0

  const forget = (id: string) => {
    const known = active.get(id)
    if (!known) return
    active.delete(id)
    if (!known.driverId) return
    const carried = byDriver.get(known.driverId)
    carried?.delete(id)
    if (carried?.size === 0) byDriver.delete(known.driverId)
  }

  const remember = (shipment: ActiveShipment) => {
    active.set(shipment.id, { ...shipment, changed: ++changes })
    if (!shipment.driverId) return
    const carried = byDriver.get(shipment.driverId) ?? new Set()
    byDriver.set(shipment.driverId, carried.add(shipment.id))
  }

  const knownVersion = (id: string) => active.get(id)?.version ?? inactiveVersions.get(id)

  /** Routes by `update` when it is newer than what is known, from events or snapshots. */
  const learn = (update: ActiveShipment) => {
    const known = knownVersion(update.id)
    if (known !== undefined && update.version <= known) return
    forget(update.id)
    if (isActive(update.status)) {
      inactiveVersions.delete(update.id)
      remember(update)
    } else {
      inactiveVersions.set(update.id, update.version)
    }
  }

  return {
    apply(update) {
      const known = knownVersion(update.id)
      if (known !== undefined && update.version < known) return 'stale'
      if (announcedVersions.get(update.id) === update.version) return 'same'
      learn(update)
      announcedVersions.set(update.id, update.version)
      return 'newer'
    },
    reconcile(snapshot, since) {
      const current = new Set(snapshot.map((shipment) => shipment.id))
      for (const shipment of snapshot) learn(shipment)
      for (const [id, known] of active) {
        if (current.has(id) || known.changed > since) continue
        forget(id)
        // Its real version is newer still (versions grow by one per change): events up to
        // this one can no longer revive it.
        inactiveVersions.set(id, known.version + 1)
      }
    },
    stamp: () => changes,
    inTransitWith(driverId) {
      const carried = [...(byDriver.get(driverId) ?? [])].map((id) => active.get(id)!)
      return carried.filter((shipment) => mayShowDriverPosition(shipment.status, 'public'))
    },
    isInTransitWith(shipmentId, driverId) {
      const known = active.get(shipmentId)
      return known?.driverId === driverId && mayShowDriverPosition(known.status, 'public')
    },
  }
}
