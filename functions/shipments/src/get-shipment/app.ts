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
import { createRoute } from '@hono/zod-openapi'
import { entityTag } from '../entity-tag'
import { ShipmentSchema } from '../schemas'
import { shipmentView } from '../shipment-view'
import { findVisibleShipment } from '../visibility'

export const route = createRoute({
  method: 'get',
  path: '/api/shipments/{id}',
  operationId: 'getShipment',
  summary: 'One shipment',
  security: BEARER,
  request: { params: IdParam },
  responses: {
    200: {
      ...json(ShipmentSchema, 'The shipment'),
      headers: { ETag: { schema: { type: 'string' }, description: 'For If-Match on an edit' } },
    },
    ...problems(400, 401, 404),
  },
})

export function getShipment(deps: ApiDeps) {
  return createApiApp<ApiEnv>().openapi(
    { ...route, middleware: [requireAuth(deps.auth)] },
    async (c) => {
      const shipment = await findVisibleShipment(deps.sql, c.req.valid('param').id, c.var.actor)
      c.header('etag', entityTag(shipment.version))
      return c.json(shipmentView(shipment, c.var.actor), 200)
    },
  )
}
