import {
  accountBody,
  BEARER,
  createAccount,
  Email,
  json,
  jsonBody,
  PersonName,
  Phone,
  problems,
  requireAuth,
  type ApiDeps,
  type ApiEnv,
} from '@dropmate/kit'
import { findDriverView } from '@dropmate/db'
import { createApiApp } from '@dropmate/runtime'
import { createRoute } from '@hono/zod-openapi'
import { VehicleType } from '@dropmate/contracts/rest/drivers'
import { DriverSchema, VehiclePlate } from '../schemas'

const NewDriver = {
  email: Email,
  name: PersonName,
  phone: Phone.optional(),
  vehicleType: VehicleType,
  vehiclePlate: VehiclePlate.optional(),
}

export const route = createRoute({
  method: 'post',
  path: '/api/drivers',
  operationId: 'createDriver',
  summary: 'Create a driver: their account and their driver record',
  security: BEARER,
  responses: {
    201: json(DriverSchema, 'Created'),
    ...problems(400, 401, 403, 409, 413, 415),
  },
})

export function createDriverAccount(deps: ApiDeps) {
  return createApiApp<ApiEnv>().openapi(
    {
      ...route,
      request: { body: jsonBody(accountBody(NewDriver, deps.config)) },
      middleware: [requireAuth(deps.auth, ['admin', 'dispatcher'])],
    },
    async (c) => {
      const { vehicleType, vehiclePlate, password, ...person } = c.req.valid('json')
      const { driverId } = await createAccount(deps.sql, {
        ...person,
        role: 'driver',
        password: password ?? null,
        vehicle: { type: vehicleType, plate: vehiclePlate },
      })
      const driver = await findDriverView(deps.sql, driverId!)
      return c.json(driver!, 201)
    },
  )
}
