import { deleteWebhookEndpoint } from '@dropmate/db'
import { BEARER, IdParam, problems, requireAuth, type ApiDeps, type ApiEnv } from '@dropmate/kit'
import { createApiApp } from '@dropmate/runtime'
import { createRoute } from '@hono/zod-openapi'
import { webhookNotFound } from '../endpoint-or-404'

export const route = createRoute({
  method: 'delete',
  path: '/api/webhooks/{id}',
  operationId: 'deleteWebhook',
  summary: 'Remove an endpoint with its delivery log (admins)',
  security: BEARER,
  request: { params: IdParam },
  responses: { 204: { description: 'Removed' }, ...problems(400, 401, 403, 404) },
})

export function deleteWebhook(deps: ApiDeps) {
  return createApiApp<ApiEnv>().openapi(
    { ...route, middleware: [requireAuth(deps.auth, ['admin'])] },
    async (c) => {
      if (!(await deleteWebhookEndpoint(deps.sql, c.req.valid('param').id))) {
        throw webhookNotFound()
      }
      return c.body(null, 204)
    },
  )
}
