import { WebhookEndpoint } from '@dropmate/contracts/rest/webhooks'
import { updateWebhookEndpoint } from '@dropmate/db'
import {
  BEARER,
  IdParam,
  json,
  jsonBody,
  problems,
  requireAuth,
  type ApiDeps,
  type ApiEnv,
} from '@dropmate/kit'
import { createApiApp } from '@dropmate/runtime'
import { createRoute } from '@hono/zod-openapi'
import { webhookNotFound } from '../endpoint-or-404'
import { EndpointPatch } from '../endpoint-schemas'
import { checkEndpointUrl } from '../endpoint-url'
import { endpointView } from '../views'

export const route = createRoute({
  method: 'patch',
  path: '/api/webhooks/{id}',
  operationId: 'updateWebhook',
  summary: "Change an endpoint's URL, event types, description, or turn it on or off (admins)",
  security: BEARER,
  request: { params: IdParam, body: jsonBody(EndpointPatch) },
  responses: {
    200: json(WebhookEndpoint.meta({ id: 'WebhookEndpoint' }), 'The endpoint as changed'),
    ...problems(400, 401, 403, 404, 413, 415, 422),
  },
})

export function updateWebhook(deps: ApiDeps) {
  return createApiApp<ApiEnv>().openapi(
    { ...route, middleware: [requireAuth(deps.auth, ['admin'])] },
    async (c) => {
      const { url, ...rest } = c.req.valid('json')
      const checked = url === undefined ? {} : { url: await checkEndpointUrl(url, deps.config) }
      const row = await updateWebhookEndpoint(deps.sql, c.req.valid('param').id, {
        ...rest,
        ...checked,
      })
      if (!row) throw webhookNotFound()
      return c.json(endpointView(row), 200)
    },
  )
}
