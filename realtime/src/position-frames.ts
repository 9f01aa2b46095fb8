import { toFleetRow, type DriverLocation } from '@dropmate/contracts/sockets'
import { BoundedMap } from '@dropmate/core'
import { positionBytes } from './metrics'
import type { AppNamespace, TrackingNamespace } from './namespaces'
import type { ShipmentRegistry } from './registry'
import { FLEET, shipmentRoom } from './rooms'

export interface PositionFramesDeps {
  app: AppNamespace
  tracking: TrackingNamespace
  registry: ShipmentRegistry
  /** How long positions gather before they go out together. */
  windowMs: number
}

export interface PositionFrames {
  /** Takes a driver's position; it goes out with the window's frame, unless superseded. */
  offer(location: DriverLocation): void
  /** The newest position of each driver recorded within `maxAgeMs` of now. */
  newest(maxAgeMs: number): DriverLocation[]
  /** Drops what the current window holds. */
  close(): void
}

// Far more drivers than a city's fleet; beyond it the oldest are forgotten, not the process.
const DRIVERS_KEPT = 20_000

/**
 * Sends positions in frames, one timer for the whole gateway: the first position of a
 * window starts it, and when it ends staff get one `fleet_positions` with every driver that
 * moved, each at its newest (as rows); each shipment the registry says is in transit with that driver
 * (asked as the frame goes out, whatever the position claims) gets it as `driver_location`
 * with that shipment's arrival window only, whole on `/` (subscribers who are not staff:
 * staff have the frame) and public on `/track`. A position not newer than one already taken
 * for its driver is dropped: positions of a driver must never go back in time on a screen.
 *
 * Every replica reads every position, so each sends to its own sockets only (`local`): the
 * Redis adapter between gateways carries none of this.
 */
export function createPositionFrames(deps: PositionFramesDeps): PositionFrames {
  const { app, tracking, registry, windowMs } = deps
  const newest = new BoundedMap<string, DriverLocation>(DRIVERS_KEPT)
  let moved = new Map<string, DriverLocation>()
  let timer: NodeJS.Timeout | undefined

  const send = () => {
    timer = undefined
    const positions = [...moved.values()]
    moved = new Map()
    sendToStaff(positions)
    for (const location of positions) sendToWatchers(location)
  }

  const sendToStaff = (positions: DriverLocation[]) => {
    const staff = app.adapter.rooms.get(FLEET)?.size ?? 0
    if (staff === 0) return
    const frame = { positions: positions.map(toFleetRow) }
    app.local.to(FLEET).emit('fleet_positions', frame)
    positionBytes.inc({ socket: 'staff' }, staff * bytesOf(frame))
  }

  const sendToWatchers = (location: DriverLocation) => {
    const { driverId, lat, lng, recordedAt } = location
    for (const { id, trackingNumber } of registry.inTransitWith(driverId)) {
      const room = shipmentRoom(id)
      const eta = location.deliveries.find((d) => d.shipmentId === id)?.eta ?? null
      const subscribers = app.adapter.rooms.get(room)
      if (subscribers?.size) {
        const own = { ...location, deliveries: [{ shipmentId: id, eta }] }
        app.local.to(room).except(FLEET).emit('driver_location', own)
        positionBytes.inc({ socket: 'subscriber' }, subscribers.size * bytesOf(own))
      }
      const pages = tracking.adapter.rooms.get(room)
      if (pages?.size) {
        const view = { trackingNumber, lat, lng, recordedAt, eta }
        tracking.local.to(room).emit('driver_location', view)
        positionBytes.inc({ socket: 'tracking' }, pages.size * bytesOf(view))
      }
    }
  }

  return {
    offer(location) {
      const known = newest.get(location.driverId)
      if (known && Date.parse(known.recordedAt) >= Date.parse(location.recordedAt)) return
      newest.set(location.driverId, location)
      moved.set(location.driverId, location)
      timer ??= setTimeout(send, windowMs)
    },
    newest(maxAgeMs) {
      const since = Date.now() - maxAgeMs
      return [...newest.values()].filter(({ recordedAt }) => Date.parse(recordedAt) >= since)
    },
    close() {
      clearTimeout(timer)
      moved.clear()
    },
  }
}

const bytesOf = (payload: object) => Buffer.byteLength(JSON.stringify(payload))
