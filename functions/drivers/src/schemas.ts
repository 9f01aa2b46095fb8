import { text } from '@dropmate/kit'
import { DUTY_STATUSES, VEHICLE_TYPES } from '@dropmate/core'
import { z } from '@hono/zod-openapi'

export const DutyStatus = z.enum(DUTY_STATUSES)

export const VehicleType = z.enum(VEHICLE_TYPES)

export const VehiclePlate = text({ max: 20 }).openapi({ example: 'AA-00-AA' })

export const DriverSchema = z
  .object({
    id: z.uuid(),
    userId: z.uuid(),
    name: z.string(),
    email: z.string(),
    phone: z.string().nullable(),
    vehicleType: VehicleType,
    vehiclePlate: z.string().nullable(),
    dutyStatus: DutyStatus,
    dutyChangedAt: z.iso.datetime(),
    activeShipments: z.number().int().openapi({
      description: 'Shipments assigned, picked up, in transit or failed, in their hands',
    }),
  })
  .openapi('Driver')
