import {
  BEARER,
  IdParam,
  json,
  jsonBody,
  problems,
  requireAuth,
  type ApiDeps,
  type ApiEnv,
} from '@dropmate/kit'
import { createApiApp } from '@dropmate/runtime'
import { createRoute, z } from '@hono/zod-openapi'
import { DutyStatus } from '@dropmate/contracts/driver-events'
import { VehicleType } from '@dropmate/contracts/rest/drivers'
import { changeDriver } from '../change-driver'
import { DriverSchema, VehiclePlate } from '../schemas'

const DriverPatch = z
  .strictObject({
    dutyStatus: DutyStatus.optional(),
    vehicleType: VehicleType.optional(),
    vehiclePlate: VehiclePlate.nullable().optional().openapi({ description: 'null removes it' }),
  })
  .refine((patch) => Object.keys(patch).length > 0, { error: 'must change at least one field' })
  .openapi({ minProperties: 1 })

export const route = createRoute({
  method: 'patch',
  path: '/api/drivers/{id}',
  operationId: 'updateDriver',
  summary: "Change a driver's duty status (drivers: their own) or vehicle (staff)",
  security: BEARER,
  request: { params: IdParam, body: jsonBody(DriverPatch) },
  responses: {
    200: json(DriverSchema, 'The driver as changed'),
    ...problems(400, 401, 403, 404, 413, 415),
  },
})

export function updateDriver(deps: ApiDeps) {
  return createApiApp<ApiEnv>().openapi(
    { ...route, middleware: [requireAuth(deps.auth, ['admin', 'dispatcher', 'driver'])] },
    async (c) => {
      const driver = await changeDriver(deps, {
        driverId: c.req.valid('param').id,
        change: c.req.valid('json'),
        actor: c.var.actor,
      })
      return c.json(driver, 200)
    },
  )
}
