import {
  BEARER,
  IdParam,
  json,
  problems,
  requireAuth,
  type ApiDeps,
  type ApiEnv,
} from '@dropmate/kit'
import { listShipmentEvents } from '@dropmate/db'
import { createApiApp } from '@dropmate/runtime'
import { createRoute, z } from '@hono/zod-openapi'
import { TimelineEventSchema } from '../schemas'
import { timelineView } from '../shipment-view'
import { findVisibleShipment } from '../visibility'

export const route = createRoute({
  method: 'get',
  path: '/api/shipments/{id}/events',
  operationId: 'shipmentEvents',
  summary: "A shipment's timeline, oldest first",
  security: BEARER,
  request: { params: IdParam },
  responses: {
    200: json(z.object({ items: z.array(TimelineEventSchema) }), 'The timeline'),
    ...problems(400, 401, 404),
  },
})

export function shipmentEvents(deps: ApiDeps) {
  return createApiApp<ApiEnv>().openapi(
    { ...route, middleware: [requireAuth(deps.auth)] },
    async (c) => {
      const shipment = await findVisibleShipment(deps.sql, c.req.valid('param').id, c.var.actor)
      const events = await listShipmentEvents(deps.sql, shipment.id)
      return c.json({ items: events.map(timelineView) }, 200)
    },
  )
}
