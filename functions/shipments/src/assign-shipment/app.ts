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
import { assignToDriver } from '../assign-to-driver'
import { ShipmentSchema } from '../schemas'
import { shipmentView } from '../shipment-view'

const Assignment = z
  .strictObject({
    driverId: z.uuid(),
    reassign: z
      .boolean()
      .default(false)
      .openapi({ description: 'Hand an already assigned shipment to another driver' }),
  })
  .openapi('Assignment')

export const route = createRoute({
  method: 'post',
  path: '/api/shipments/{id}/assign',
  operationId: 'assignShipment',
  summary: 'A dispatcher gives a shipment to a driver',
  security: BEARER,
  request: { params: IdParam, body: jsonBody(Assignment) },
  responses: {
    200: json(ShipmentSchema, 'Assigned'),
    ...problems(400, 401, 403, 404, 409, 413, 415, 422),
  },
})

export function assignShipment(deps: ApiDeps) {
  return createApiApp<ApiEnv>().openapi(
    { ...route, middleware: [requireAuth(deps.auth, ['admin', 'dispatcher'])] },
    async (c) => {
      const actor = c.var.actor
      const shipment = await assignToDriver(deps, {
        ...c.req.valid('json'),
        shipmentId: c.req.valid('param').id,
        actor,
      })
      return c.json(shipmentView(shipment, actor), 200)
    },
  )
}
