import { distanceMeters, type LatLng } from './geo'

/** When a parcel should arrive: a window, since a single minute would be false precision. */
export interface EtaWindow {
  /** ISO 8601 times, rounded outwards to whole five minutes. */
  earliest: string
  latest: string
  /** Straight-line distance left, in metres. */
  distanceM: number
}

/** Within this distance of the door the driver has arrived, whatever the clock says. */
export const ARRIVAL_RADIUS_M = 150

/** Streets are not straight lines: city routes run about 1.3–1.4 × the crow-flies distance. */
export const DETOUR_FACTOR = 1.35
/** Parking, stairs, finding the door. */
export const HANDOVER_MS = 3 * 60_000
const ROUNDING_MS = 5 * 60_000

/**
 * Typical door-to-door city speeds (m/s) with traffic lights and stops, used when a phone
 * reports no speed and to keep one reading at a red light from saying "never".
 */
export const TYPICAL_SPEED_MPS: Record<string, number> = {
  on_foot: 1.3,
  bicycle: 4.2,
  cargo_bike: 3.6,
  scooter: 5.5,
  motorcycle: 6.5,
  car: 5.5,
  van: 5,
}
const DEFAULT_SPEED_MPS = 5

/** How fast a vehicle of this type crosses a city, door to door. */
export function typicalSpeedMps(vehicleType: string | null): number {
  return TYPICAL_SPEED_MPS[vehicleType ?? ''] ?? DEFAULT_SPEED_MPS
}

/**
 * Estimates the arrival window from the driver's position, their recent average speed (an
 * average over the last pings, not the last reading) and their vehicle. The recent speed is
 * held within half to one and a half times the vehicle's typical speed: a driver stopped at
 * a light is not stopped for good, and a burst down an avenue does not last.
 *
 * @example
 * estimateArrival({ from: driver, to: door, recentSpeedMps: 4, vehicleType: 'bicycle', now })
 * // { earliest: '…T10:15:00.000Z', latest: '…T10:30:00.000Z', distanceM: 2140 }
 */
export function estimateArrival(input: {
  from: LatLng
  to: LatLng
  recentSpeedMps: number | null
  vehicleType: string | null
  now: Date
}): EtaWindow {
  const distanceM = Math.round(distanceMeters(input.from, input.to))
  const typical = typicalSpeedMps(input.vehicleType)
  const speed = Math.min(Math.max(input.recentSpeedMps ?? typical, typical / 2), typical * 1.5)
  const travelMs = distanceM <= ARRIVAL_RADIUS_M ? 0 : ((distanceM * DETOUR_FACTOR) / speed) * 1000
  const now = input.now.getTime()
  // Traffic makes trips longer far more often than shorter: the window leans late.
  const earliest = now + travelMs * 0.85
  const latest = now + travelMs * 1.3 + HANDOVER_MS
  return {
    earliest: new Date(Math.floor(earliest / ROUNDING_MS) * ROUNDING_MS).toISOString(),
    latest: new Date(Math.ceil(latest / ROUNDING_MS) * ROUNDING_MS).toISOString(),
    distanceM,
  }
}

/** Where a parcel goes and what carries it there, as the shipment rows name them. */
export interface Doorstep {
  receiverLat: number
  receiverLng: number
  vehicleType: string | null
}

/** A driver's position with their recent average speed, as the location store keeps it. */
export type MovingDriver = LatLng & { recentSpeedMps: number | null }

/**
 * The arrival window at a parcel's door from where its driver is now.
 *
 * @example
 * etaToDoor(await store.latest(driverId), shipment, new Date())
 */
export function etaToDoor(driver: MovingDriver, parcel: Doorstep, now: Date): EtaWindow {
  return estimateArrival({
    from: driver,
    to: { lat: parcel.receiverLat, lng: parcel.receiverLng },
    recentSpeedMps: driver.recentSpeedMps,
    vehicleType: parcel.vehicleType,
    now,
  })
}

/** An arrival window for each parcel the driver carries, named by its shipment. */
export function deliveryEtas(
  driver: MovingDriver,
  parcels: ReadonlyArray<Doorstep & { shipmentId: string }>,
  now: Date,
): Array<{ shipmentId: string; eta: EtaWindow }> {
  return parcels.map((parcel) => ({
    shipmentId: parcel.shipmentId,
    eta: etaToDoor(driver, parcel, now),
  }))
}

/** How much one speed reading weighs in the recent average. */
export const SPEED_SMOOTHING = 0.2

/**
 * Folds one speed reading into a recent average (exponential, each reading weighing a
 * fifth), so one sample at a red light or on an empty avenue moves the estimate a little.
 */
export function smoothSpeed(previous: number | null, reading: number | null): number | null {
  if (reading === null) return previous
  return previous === null ? reading : previous * (1 - SPEED_SMOOTHING) + reading * SPEED_SMOOTHING
}
