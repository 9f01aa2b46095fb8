import {
  accountRoute,
  createAccount,
  staffCreatesAccount,
  type ApiDeps,
  type ApiEnv,
} from '@dropmate/kit'
import { findDriverView } from '@dropmate/db'
import { createApiApp } from '@dropmate/runtime'
import { VehicleType } from '@dropmate/contracts/rest/drivers'
import { DriverSchema, VehiclePlate } from '../schemas'

const NewDriver = {
  vehicleType: VehicleType,
  vehiclePlate: VehiclePlate.optional(),
}

export const route = accountRoute({
  path: '/api/drivers',
  operationId: 'createDriver',
  summary: 'Create a driver: their account and their driver record',
  created: DriverSchema,
})

export function createDriverAccount(deps: ApiDeps) {
  return createApiApp<ApiEnv>().openapi(staffCreatesAccount(deps, route, NewDriver), async (c) => {
    const { vehicleType, vehiclePlate, password, ...person } = c.req.valid('json')
    const { driverId } = await createAccount(deps.sql, {
      ...person,
      role: 'driver',
      password: password ?? null,
      vehicle: { type: vehicleType, plate: vehiclePlate },
      createdBy: c.var.actor.userId,
    })
    const driver = await findDriverView(deps.sql, driverId!)
    return c.json(driver!, 201)
  })
}
