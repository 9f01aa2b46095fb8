import { WebhookEndpointWithSecret } from '@dropmate/contracts/rest/webhooks'
import { updateWebhookEndpoint } from '@dropmate/db'
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
import { webhookNotFound } from '../endpoint-or-404'
import { newWebhookSecret, sealWebhookSecret } from '../secret'
import { endpointView } from '../views'

export const route = createRoute({
  method: 'post',
  path: '/api/webhooks/{id}/secret',
  operationId: 'rotateWebhookSecret',
  summary: 'Give an endpoint a new signing secret, shown once, now; the old one stops (admins)',
  security: BEARER,
  request: { params: IdParam },
  responses: {
    200: json(
      WebhookEndpointWithSecret.meta({ id: 'WebhookEndpointWithSecret' }),
      'The endpoint, with its new secret',
    ),
    ...problems(400, 401, 403, 404),
  },
})

export function rotateWebhookSecret(deps: ApiDeps) {
  return createApiApp<ApiEnv>().openapi(
    { ...route, middleware: [requireAuth(deps.auth, ['admin'])] },
    async (c) => {
      const secret = newWebhookSecret()
      const row = await updateWebhookEndpoint(deps.sql, c.req.valid('param').id, {
        secret: sealWebhookSecret(secret, deps.config.WEBHOOKS_SECRET_KEY),
      })
      if (!row) throw webhookNotFound()
      return c.json({ ...endpointView(row), secret }, 200)
    },
  )
}
