import { VEHICLE_TYPES } from '@dropmate/core/fleet'
import { z } from 'zod'
import { DutyStatus } from '../driver-events'
import { Id } from '../fields'

export const VehicleType = z.enum(VEHICLE_TYPES)

/** A driver as staff see them (`GET /api/drivers`). */
export const Driver = z.object({
  id: Id,
  userId: Id,
  name: z.string(),
  email: z.string(),
  phone: z.string().nullable(),
  vehicleType: VehicleType,
  vehiclePlate: z.string().nullable(),
  dutyStatus: DutyStatus,
  dutyChangedAt: z.iso.datetime(),
  activeShipments: z.number().int().meta({
    description: 'Shipments assigned, picked up, in transit or failed, in their hands',
  }),
})
export type Driver = z.infer<typeof Driver>

/** A driver on duty near a point (`GET /api/drivers/nearby`), nearest first. */
export const NearbyDriver = z.object({
  driverId: Id,
  name: z.string(),
  vehicleType: VehicleType,
  distanceM: z.number(),
  lat: z.number(),
  lng: z.number(),
  recordedAt: z.string(),
})
export type NearbyDriver = z.infer<typeof NearbyDriver>

/** A driver's latest fix (`GET /api/shipments/:id/location`). */
export const DriverFix = z.object({
  driverId: Id,
  lat: z.number(),
  lng: z.number(),
  accuracyM: z.number().nullable(),
  speedMps: z.number().nullable(),
  headingDeg: z.number().nullable(),
  recordedAt: z.string(),
})
export type DriverFix = z.infer<typeof DriverFix>

/** Where a driver on duty is now (`GET /api/drivers/positions`), for the live map. */
export const DriverPosition = DriverFix.omit({ speedMps: true })
export type DriverPosition = z.infer<typeof DriverPosition>
