import { jsonBody, problems, PUBLIC, type ApiDeps } from '@dropmate/kit'
import { createApiApp } from '@dropmate/runtime'
import { createRoute } from '@hono/zod-openapi'
import { RefreshBody } from '../schemas'

export const route = createRoute({
  method: 'post',
  path: '/api/auth/logout',
  operationId: 'logout',
  summary: 'End the session a refresh token belongs to',
  security: PUBLIC,
  request: { body: jsonBody(RefreshBody) },
  responses: {
    204: { description: 'Signed out (also when the token was unknown)' },
    ...problems(400, 413, 415),
  },
})

export function logout(deps: ApiDeps) {
  return createApiApp().openapi(route, async (c) => {
    await deps.localAuth?.logout(deps.sql, c.req.valid('json').refreshToken)
    return c.body(null, 204)
  })
}
