import { WebhookDelivery } from '@dropmate/contracts/rest/webhooks'
import { listWebhookDeliveries as deliveriesOf } from '@dropmate/db'
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
import { endpointOr404 } from '../endpoint-or-404'
import { deliveryView } from '../views'

// The log shows the newest deliveries; older ones stay in the database.
const SHOWN = 100

export const route = createRoute({
  method: 'get',
  path: '/api/webhooks/{id}/deliveries',
  operationId: 'listWebhookDeliveries',
  summary: "An endpoint's delivery log: its newest messages with every attempt (admins)",
  security: BEARER,
  request: { params: IdParam },
  responses: {
    200: json(
      z.object({ items: z.array(WebhookDelivery.meta({ id: 'WebhookDelivery' })) }),
      'Newest first',
    ),
    ...problems(400, 401, 403, 404),
  },
})

export function listWebhookDeliveries(deps: ApiDeps) {
  return createApiApp<ApiEnv>().openapi(
    { ...route, middleware: [requireAuth(deps.auth, ['admin'])] },
    async (c) => {
      const endpoint = await endpointOr404(deps.sql, c.req.valid('param').id)
      const rows = await deliveriesOf(deps.sql, endpoint.id, SHOWN)
      return c.json({ items: rows.map(deliveryView) }, 200)
    },
  )
}
