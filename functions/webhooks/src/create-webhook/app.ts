import { WebhookEndpointWithSecret } from '@dropmate/contracts/rest/webhooks'
import { insertWebhookEndpoint } from '@dropmate/db'
import {
  BEARER,
  json,
  jsonBody,
  problems,
  requireAuth,
  type ApiDeps,
  type ApiEnv,
} from '@dropmate/kit'
import { createApiApp } from '@dropmate/runtime'
import { createRoute } from '@hono/zod-openapi'
import { NewEndpoint } from '../endpoint-schemas'
import { checkEndpointUrl } from '../endpoint-url'
import { newWebhookSecret, sealWebhookSecret } from '../secret'
import { endpointView } from '../views'

export const route = createRoute({
  method: 'post',
  path: '/api/webhooks',
  operationId: 'createWebhook',
  summary: 'Register a webhook endpoint; its signing secret is shown once, now (admins)',
  description:
    'The URL must be https (http only with WEBHOOKS_ALLOW_HTTP) and on the public internet: ' +
    'private, loopback, link-local, CGNAT, multicast and unspecified addresses are refused ' +
    'unless WEBHOOKS_ALLOW_PRIVATE (422 webhook_url_refused).',
  security: BEARER,
  request: { body: jsonBody(NewEndpoint) },
  responses: {
    201: json(
      WebhookEndpointWithSecret.meta({ id: 'WebhookEndpointWithSecret' }),
      'The endpoint, with its secret',
    ),
    ...problems(400, 401, 403, 413, 415, 422),
  },
})

export function createWebhook(deps: ApiDeps) {
  return createApiApp<ApiEnv>().openapi(
    { ...route, middleware: [requireAuth(deps.auth, ['admin'])] },
    async (c) => {
      const body = c.req.valid('json')
      const secret = newWebhookSecret()
      const row = await insertWebhookEndpoint(deps.sql, {
        url: await checkEndpointUrl(body.url, deps.config),
        eventTypes: body.eventTypes,
        description: body.description ?? '',
        enabled: body.enabled ?? true,
        secret: sealWebhookSecret(secret, deps.config.WEBHOOKS_SECRET_KEY),
      })
      return c.json({ ...endpointView(row), secret }, 201)
    },
  )
}
