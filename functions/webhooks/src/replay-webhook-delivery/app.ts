import { WebhookAttempt } from '@dropmate/contracts/rest/webhooks'
import { findWebhookMessage } from '@dropmate/db'
import {
  BEARER,
  IdParam,
  json,
  problems,
  requireAuth,
  type ApiDeps,
  type ApiEnv,
} from '@dropmate/kit'
import { createApiApp, ProblemError } from '@dropmate/runtime'
import { createRoute, z } from '@hono/zod-openapi'
import { endpointOr404 } from '../endpoint-or-404'
import { createWebhookSender, type WebhookSender } from '../post-webhook'
import { sendMessage } from '../send-message'
import { attemptView } from '../views'

const ReplayParams = IdParam.extend({
  deliveryId: z
    .string()
    .regex(/^msg_[0-9a-f]{32}$/, 'must be a delivery id (msg_…)')
    .openapi({ param: { name: 'deliveryId', in: 'path' } }),
})

export const route = createRoute({
  method: 'post',
  path: '/api/webhooks/{id}/deliveries/{deliveryId}/replay',
  operationId: 'replayWebhookDelivery',
  summary: 'Send a delivery again: the same webhook-id and body, newly signed (admins)',
  description:
    'Sent at once, to the endpoint as it is now (its URL and secret), whether it is enabled ' +
    'or not, and logged as a replay; the answer is that attempt.',
  security: BEARER,
  request: { params: ReplayParams },
  responses: {
    200: json(WebhookAttempt.meta({ id: 'WebhookAttempt' }), 'The attempt, as logged'),
    ...problems(400, 401, 403, 404),
  },
})

export function replayWebhookDelivery(
  deps: ApiDeps,
  sender: WebhookSender = createWebhookSender({ allowPrivate: deps.config.WEBHOOKS_ALLOW_PRIVATE }),
) {
  const sending = { sql: deps.sql, config: deps.config, sender }
  return createApiApp<ApiEnv>().openapi(
    { ...route, middleware: [requireAuth(deps.auth, ['admin'])] },
    async (c) => {
      const { id, deliveryId } = c.req.valid('param')
      const endpoint = await endpointOr404(deps.sql, id)
      const message = await findWebhookMessage(deps.sql, endpoint.id, deliveryId)
      if (!message) {
        throw new ProblemError('webhook_delivery_not_found', 'This endpoint has no such delivery.')
      }
      return c.json(attemptView(await sendMessage(sending, endpoint, message, true)), 200)
    },
  )
}
