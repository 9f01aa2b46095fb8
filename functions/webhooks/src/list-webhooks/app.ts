import { WebhookEndpoint } from '@dropmate/contracts/rest/webhooks'
import { listWebhookEndpoints } from '@dropmate/db'
import { BEARER, json, problems, requireAuth, type ApiDeps, type ApiEnv } from '@dropmate/kit'
import { createApiApp } from '@dropmate/runtime'
import { createRoute, z } from '@hono/zod-openapi'
import { endpointView } from '../views'

export const route = createRoute({
  method: 'get',
  path: '/api/webhooks',
  operationId: 'listWebhooks',
  summary: 'The registered webhook endpoints, without their secrets (admins)',
  security: BEARER,
  responses: {
    200: json(
      z.object({ items: z.array(WebhookEndpoint.meta({ id: 'WebhookEndpoint' })) }),
      'Every endpoint, oldest first',
    ),
    ...problems(401, 403),
  },
})

export function listWebhooks(deps: ApiDeps) {
  return createApiApp<ApiEnv>().openapi(
    { ...route, middleware: [requireAuth(deps.auth, ['admin'])] },
    async (c) => {
      const rows = await listWebhookEndpoints(deps.sql)
      return c.json({ items: rows.map(endpointView) }, 200)
    },
  )
}
