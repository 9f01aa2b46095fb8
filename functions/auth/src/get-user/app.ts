import {
  BEARER,
  IdParam,
  json,
  problems,
  requireAuth,
  type ApiDeps,
  type ApiEnv,
} from '@dropmate/kit'
import { findUserDetail } from '@dropmate/db'
import { UserDetail } from '@dropmate/contracts/rest/accounts'
import { createApiApp, ProblemError } from '@dropmate/runtime'
import { createRoute } from '@hono/zod-openapi'
import { detailView } from '../user-views'

export const route = createRoute({
  method: 'get',
  path: '/api/users/{id}',
  operationId: 'getUser',
  summary: "One account with its contact details and a driver's vehicle (admins)",
  security: BEARER,
  request: { params: IdParam },
  responses: {
    200: json(UserDetail.meta({ id: 'UserDetail' }), 'The account'),
    ...problems(400, 401, 403, 404),
  },
})

export function getUserApp(deps: ApiDeps) {
  return createApiApp<ApiEnv>().openapi(
    { ...route, middleware: [requireAuth(deps.auth, ['admin'])] },
    async (c) => {
      const user = await findUserDetail(deps.sql, c.req.valid('param').id)
      if (!user) throw new ProblemError('user_not_found', 'There is no such account.')
      return c.json(detailView(user), 200)
    },
  )
}
