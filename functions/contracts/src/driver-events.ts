import { DUTY_STATUSES } from '@dropmate/core/fleet'
import { z } from 'zod'
import { builder } from './envelope'
import { EVENT_TYPES } from './event-types'
import { Id, Latitude, Longitude, Timestamp } from './fields'

/** When a parcel should arrive: ISO 8601 times rounded outwards, and the distance left. */
export const EtaWindow = z.object({
  earliest: Timestamp,
  latest: Timestamp,
  distanceM: z.number().min(0),
})
export type EtaWindow = z.infer<typeof EtaWindow>

/** An in-transit delivery of a driver and when it should arrive. */
export const DeliveryEta = z.object({ shipmentId: Id, eta: EtaWindow.nullable() })
export type DeliveryEta = z.infer<typeof DeliveryEta>

/**
 * `data` of com.dropmate.driver.location.v1 as ingest publishes it: the driver's newest fix
 * of a request (older pings of a batch are history), with their deliveries in transit.
 */
export const DriverLocationData = z.object({
  driverId: Id,
  lat: Latitude,
  lng: Longitude,
  accuracyM: z.number().nullable(),
  speedMps: z.number().nullable(),
  headingDeg: z.number().nullable(),
  /** Device time of the fix. */
  recordedAt: Timestamp,
  // Publishers before ETAs left it out: no deliveries known.
  deliveries: z.array(DeliveryEta).default([]),
})
export type DriverLocationData = z.infer<typeof DriverLocationData>

export const DutyStatus = z.enum(DUTY_STATUSES)

/** `data` of com.dropmate.driver.status_changed.v1: a driver went on or off duty. */
export const DriverDutyChangedData = z.object({
  driverId: Id,
  from: DutyStatus,
  to: DutyStatus,
  changedAt: Timestamp,
})
export type DriverDutyChangedData = z.infer<typeof DriverDutyChangedData>

/**
 * The driver events, about the driver they name (the subject).
 *
 * @example
 * new CloudEvent({ ...driverEvents.location('/functions/ingest-locations', data), id, time })
 */
export const driverEvents = {
  location: builder<DriverLocationData>(EVENT_TYPES.driverLocation, aboutDriver),
  dutyChanged: builder<DriverDutyChangedData>(EVENT_TYPES.driverStatusChanged, aboutDriver),
}

function aboutDriver(data: { driverId: string }) {
  return data.driverId
}
