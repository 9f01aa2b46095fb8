import type { LatLng } from '@dropmate/core/geo'
import type { Role, ShipmentStatus } from '@dropmate/core/status-machine'
import type { DriverDutyChangedData, DriverLocationData, EtaWindow } from './driver-events'
import type { ShipmentAssignedData, ShipmentCreatedData } from './shipment-events'

/**
 * What the realtime gateway and its clients say to each other, typed once for both ends:
 * the gateway types its Socket.io server with these maps and the dashboard its client.
 *
 * Two namespaces:
 * - `/` for signed-in users. The handshake carries `auth: { token }`, the same bearer token
 *   as the API. Staff (admin, dispatcher) see the whole fleet, its positions as one
 *   `fleet_positions` frame per window; a customer their own shipments; a driver their own
 *   assignments. `subscribe` adds one shipment's live driver position, for those allowed to
 *   see that shipment.
 * - `/track` for the public tracking page, without sign-in: `track` one shipment by its
 *   tracking number, redacted, with the driver's position only while it is in transit.
 *
 * A client that drops for a moment (up to two minutes) and reconnects gets what it missed,
 * with `socket.recovered === true`, except positions, where only the newest counts: staff
 * get a frame of every driver's newest as they come back, others the next position. After
 * any other reconnect a client refetches what it shows.
 * The gateway closes a signed-in socket's connection when its token expires: pass `auth` as
 * a function that returns the current token, and the reconnect carries a fresh one.
 */
export const NAMESPACES = { app: '/', tracking: '/track' } as const

/** Where the gateway is mounted on its HTTP server (Socket.io's default). */
export const SOCKET_PATH = '/socket.io'

/** A shipment changed: created, moved through its status machine, or (re)assigned. */
export type ShipmentUpdate = ShipmentCreatedData & {
  /** The reason given for a failure or cancellation. */
  reason: string | null
}

/** A shipment got a driver, or changed drivers (sent to the previous driver as well). */
export type ShipmentAssignment = ShipmentUpdate & Pick<ShipmentAssignedData, 'previousDriverId'>

/**
 * A driver's newest position (older pings of a batch are history, never sent), with the
 * deliveries in transit the receiver may see and their arrival windows.
 */
export type DriverLocation = DriverLocationData

/**
 * A driver's position as a row of a `fleet_positions` frame: DriverLocation's fields without
 * their names, the coordinates to six decimals (a tenth of a metre, finer than any phone's
 * fix) and times as epoch milliseconds. At a city's rate (2,000 positions a second) frames
 * of full objects came to 550 kB/s for every dashboard open (npm run bench -- city).
 */
export type FleetRow = [
  driverId: string,
  lat: number,
  lng: number,
  accuracyM: number | null,
  speedMps: number | null,
  headingDeg: number | null,
  recordedAtMs: number,
  deliveries: DeliveryRow[],
]

/** A delivery in transit in a FleetRow: its shipment, and its arrival window when known. */
export type DeliveryRow =
  | [shipmentId: string]
  | [shipmentId: string, earliestMs: number, latestMs: number, distanceM: number]

export interface FleetFrame {
  positions: FleetRow[]
}

export function toFleetRow(location: DriverLocation): FleetRow {
  const { driverId, lat, lng, accuracyM, speedMps, headingDeg, recordedAt } = location
  const deliveries = location.deliveries.map(({ shipmentId, eta }): DeliveryRow => {
    if (!eta) return [shipmentId]
    return [shipmentId, Date.parse(eta.earliest), Date.parse(eta.latest), eta.distanceM]
  })
  const at = Date.parse(recordedAt)
  return [
    driverId,
    sixDecimals(lat),
    sixDecimals(lng),
    accuracyM,
    speedMps,
    headingDeg,
    at,
    deliveries,
  ]
}

export function fromFleetRow(row: FleetRow): DriverLocation {
  const [driverId, lat, lng, accuracyM, speedMps, headingDeg, recordedAtMs, deliveries] = row
  return {
    driverId,
    lat,
    lng,
    accuracyM,
    speedMps,
    headingDeg,
    recordedAt: new Date(recordedAtMs).toISOString(),
    deliveries: deliveries.map(([shipmentId, earliestMs, latestMs, distanceM]) => ({
      shipmentId,
      eta:
        earliestMs === undefined
          ? null
          : {
              earliest: new Date(earliestMs).toISOString(),
              latest: new Date(latestMs!).toISOString(),
              distanceM: distanceM!,
            },
    })),
  }
}

const sixDecimals = (degrees: number) => Math.round(degrees * 1e6) / 1e6

/** A driver went on or off duty, by their own hand or a dispatcher's. */
export type DriverDutyChange = DriverDutyChangedData

/** Why the gateway refused a request; `code` is stable, `message` for people. */
export interface Refusal {
  ok: false
  code:
    | 'invalid_request'
    | 'not_found'
    | 'forbidden'
    | 'unavailable'
    /** Too many requests in a short time; try again in a minute. */
    | 'rate_limited'
    /** A tracking socket follows at most a few shipments; untrack one first. */
    | 'limit_reached'
  message: string
}

export type Reply<T = object> = ({ ok: true } & T) | Refusal

export interface AppServerEvents {
  shipment_updated: (update: ShipmentUpdate) => void
  shipment_assigned: (assignment: ShipmentAssignment) => void
  /**
   * To staff: every driver that moved in the gateway's last window (tens of milliseconds),
   * each once, at its newest, as rows (`fromFleetRow` reads one). On connecting (and after a
   * recovery) staff get one with the newest position of every driver the gateway heard from
   * lately.
   */
  fleet_positions: (frame: FleetFrame) => void
  /**
   * To a signed-in subscriber of a shipment in transit who is not staff: its driver's
   * position, at most once per window, with that shipment's arrival window only.
   */
  driver_location: (location: DriverLocation) => void
  /** To staff, and to the driver concerned (whose phone may show another status). */
  driver_status_changed: (change: DriverDutyChange) => void
}

export interface AppClientEvents {
  /** Live driver positions of one shipment the user may see, while it is in transit. */
  subscribe: (request: { shipmentId: string }, reply: (reply: Reply) => void) => void
  unsubscribe: (request: { shipmentId: string }, reply: (reply: Reply) => void) => void
}

/** The public view of a shipment change: no ids, no people. */
export interface PublicShipmentUpdate {
  trackingNumber: string
  status: ShipmentStatus
  at: string
}

/** The driver's position as a tracking page sees it. */
export interface PublicDriverLocation extends LatLng {
  trackingNumber: string
  recordedAt: string
  eta: EtaWindow | null
}

export interface TrackingServerEvents {
  shipment_updated: (update: PublicShipmentUpdate) => void
  /** The tracked shipment's driver, at most once per window, while it is in transit. */
  driver_location: (location: PublicDriverLocation) => void
}

export interface TrackingClientEvents {
  /** Follows one shipment; a socket follows at most a few (a page shows one). */
  track: (
    request: { trackingNumber: string },
    reply: (reply: Reply<{ status: ShipmentStatus }>) => void,
  ) => void
  /** Stops following a shipment, making room for another. */
  untrack: (request: { trackingNumber: string }, reply: (reply: Reply) => void) => void
}

/**
 * Why a connection to `/` was refused, in `connect_error`'s `data.code`: `missing_token` and
 * `invalid_token` need a (fresh) sign-in, `unavailable` a retry.
 */
export type ConnectRefusal = 'missing_token' | 'invalid_token' | 'unavailable'

/** What the gateway keeps on each socket of `/`. */
export interface AppSocketData {
  role: Role
  userId: string
  driverId: string | null
}
