import { BEARER, json, problems, requireAuth, type ApiDeps, type ApiEnv } from '@dropmate/kit'
import { createApiApp } from '@dropmate/runtime'
import { createRoute } from '@hono/zod-openapi'
import { accountOf } from '../account'
import { AccountSchema } from '../schemas'

export const route = createRoute({
  method: 'get',
  path: '/api/me',
  operationId: 'me',
  summary: 'The signed-in account',
  security: BEARER,
  responses: {
    200: json(AccountSchema, 'The caller'),
    ...problems(401),
  },
})

export function me(deps: ApiDeps) {
  return createApiApp<ApiEnv>().openapi({ ...route, middleware: [requireAuth(deps.auth)] }, (c) =>
    c.json(accountOf(c.var.actor), 200),
  )
}
