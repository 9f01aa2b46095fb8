import {
  BEARER,
  IdParam,
  json,
  problems,
  requireAuth,
  type ApiDeps,
  type ApiEnv,
} from '@dropmate/kit'
import { createApiApp } from '@dropmate/runtime'
import { createRoute, z } from '@hono/zod-openapi'
import { Reason, ShipmentSchema } from '../schemas'
import { shipmentView } from '../shipment-view'
import { transitionShipment } from '../transition-shipment'

export const route = createRoute({
  method: 'delete',
  path: '/api/shipments/{id}',
  operationId: 'cancelShipment',
  summary: 'Cancel a shipment that has not been picked up',
  security: BEARER,
  request: { params: IdParam, query: z.object({ reason: Reason }) },
  responses: {
    200: json(ShipmentSchema, 'Cancelled; the record and its timeline stay'),
    ...problems(400, 401, 403, 404, 409),
  },
})

export function cancelShipment(deps: ApiDeps) {
  return createApiApp<ApiEnv>().openapi(
    { ...route, middleware: [requireAuth(deps.auth, ['admin', 'dispatcher', 'customer'])] },
    async (c) => {
      const shipment = await transitionShipment(deps, {
        shipmentId: c.req.valid('param').id,
        to: 'cancelled',
        actor: c.var.actor,
        source: '/functions/cancel-shipment',
        reason: c.req.valid('query').reason,
      })
      return c.json(shipmentView(shipment, c.var.actor), 200)
    },
  )
}
