import { WebhookAttempt, WebhookDelivery } from '@dropmate/contracts/rest/webhooks'
import {
  findWebhookEndpoint,
  findWebhookMessage,
  listWebhookDeliveries,
} from '@dropmate/db'
import { BEARER, IdParam, json, problems, requireAuth, type ApiDeps, type ApiEnv } from '@dropmate/kit'
import { createApiApp, ProblemError } from '@dropmate/runtime'
import { createRoute, z } from '@hono/zod-openapi'
import { createWebhookSender, type WebhookSender } from '../post-webhook'
import { sendMessage } from '../send-message'
import { attemptView, deliveryView } from '../views'

// The log page shows the newest deliveries; older ones stay in the database.
const SHOWN = 100

export const listRoute = createRoute({
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

const ReplayParams = IdParam.extend({
  deliveryId: z
    .string()
    .regex(/^msg_[0-9a-f]{32}$/, 'must be a delivery id (msg_…)')
    .openapi({ param: { name: 'deliveryId', in: 'path' } }),
})

export const replayRoute = createRoute({
  method: 'post',
  path: '/api/webhooks/{id}/deliveries/{deliveryId}/replay',
  operationId: 'replayWebhookDelivery',
  summary: 'Send a delivery again, with the same webhook-id and body, newly signed (admins)',
  security: BEARER,
  request: { params: ReplayParams },
  responses: {
    200: json(WebhookAttempt.meta({ id: 'WebhookAttempt' }), 'The attempt, as logged'),
    ...problems(400, 401, 403, 404),
  },
})

/** The delivery log of an endpoint, and replaying one of its deliveries. */
export function webhookDeliveries(
  deps: ApiDeps,
  sender: WebhookSender = createWebhookSender({ allowPrivate: deps.config.WEBHOOKS_ALLOW_PRIVATE }),
) {
  const admins = { middleware: [requireAuth(deps.auth, ['admin'])] }
  const { sql } = deps
  const endpointOf = async (id: string) => {
    const endpoint = await findWebhookEndpoint(sql, id)
    if (!endpoint) throw new ProblemError('webhook_not_found', 'No webhook endpoint has this id.')
    return endpoint
  }
  return createApiApp<ApiEnv>()
    .openapi({ ...listRoute, ...admins }, async (c) => {
      const endpoint = await endpointOf(c.req.valid('param').id)
      const rows = await listWebhookDeliveries(sql, endpoint.id, SHOWN)
      return c.json({ items: rows.map(deliveryView) }, 200)
    })
    .openapi({ ...replayRoute, ...admins }, async (c) => {
      const { id, deliveryId } = c.req.valid('param')
      const endpoint = await endpointOf(id)
      const message = await findWebhookMessage(sql, endpoint.id, deliveryId)
      if (!message) {
        throw new ProblemError('webhook_delivery_not_found', 'This endpoint has no such delivery.')
      }
      const attempt = await sendMessage({ sql, config: deps.config, sender }, endpoint, message, true)
      return c.json(attemptView(attempt), 200)
    })
}
