import { WebhookEndpoint } from '@dropmate/contracts/rest/webhooks'
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
import { endpointOr404 } from '../endpoint-or-404'
import { endpointView } from '../views'

export const route = createRoute({
  method: 'get',
  path: '/api/webhooks/{id}',
  operationId: 'getWebhook',
  summary: 'One webhook endpoint, without its secret (admins)',
  security: BEARER,
  request: { params: IdParam },
  responses: {
    200: json(WebhookEndpoint.meta({ id: 'WebhookEndpoint' }), 'The endpoint'),
    ...problems(400, 401, 403, 404),
  },
})

export function getWebhook(deps: ApiDeps) {
  return createApiApp<ApiEnv>().openapi(
    { ...route, middleware: [requireAuth(deps.auth, ['admin'])] },
    async (c) => c.json(endpointView(await endpointOr404(deps.sql, c.req.valid('param').id)), 200),
  )
}
