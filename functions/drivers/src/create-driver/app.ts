import {
  BEARER,
  createAccount,
  Email,
  json,
  jsonBody,
  NewPassword,
  passwordForMode,
  PersonName,
  Phone,
  problems,
  requireAuth,
  type ApiDeps,
  type ApiEnv,
} from '@dropmate/api'
import { findDriverView } from '@dropmate/db'
import { createApiApp } from '@dropmate/runtime'
import { createRoute, z } from '@hono/zod-openapi'
import { DriverSchema, VehiclePlate, VehicleType } from '../schemas'

const NewDriverBody = z.strictObject({
  email: Email,
  name: PersonName,
  phone: Phone.optional(),
  password: NewPassword.optional(),
  vehicleType: VehicleType,
  vehiclePlate: VehiclePlate.optional(),
})

export const route = createRoute({
  method: 'post',
  path: '/api/drivers',
  operationId: 'createDriver',
  summary: 'Create a driver: their account and their driver record',
  security: BEARER,
  request: { body: jsonBody(NewDriverBody) },
  responses: {
    201: json(DriverSchema, 'Created'),
    ...problems(400, 401, 403, 409),
  },
})

export function createDriverAccount(deps: ApiDeps) {
  return createApiApp<ApiEnv>().openapi(
    { ...route, middleware: [requireAuth(deps.auth, ['admin', 'dispatcher'])] },
    async (c) => {
      const { vehicleType, vehiclePlate, password, ...person } = c.req.valid('json')
      const { driverId } = await createAccount(deps.sql, {
        ...person,
        role: 'driver',
        password: passwordForMode(deps.config, password),
        vehicle: { type: vehicleType, plate: vehiclePlate },
      })
      const driver = await findDriverView(deps.sql, driverId!)
      return c.json(driver!, 201)
    },
  )
}
