import { json, jsonBody, problems, PUBLIC, type ApiDeps } from '@dropmate/kit'
import { createApiApp, ProblemError } from '@dropmate/runtime'
import { createRoute } from '@hono/zod-openapi'
import { accountOf } from '../account'
import { RefreshBody, TokensSchema } from '../schemas'

export const route = createRoute({
  method: 'post',
  path: '/api/auth/refresh',
  operationId: 'refreshToken',
  summary: 'Trade a refresh token for new tokens (each refresh token works once)',
  security: PUBLIC,
  request: { body: jsonBody(RefreshBody) },
  responses: {
    200: json(TokensSchema, 'New tokens'),
    ...problems(400, 401, 404, 413, 415),
  },
})

export function refresh(deps: ApiDeps) {
  return createApiApp().openapi(route, async (c) => {
    const { localAuth, sql } = deps
    if (!localAuth) {
      throw new ProblemError('local_login_disabled', 'This server signs in with Firebase.')
    }
    const tokens = await localAuth.refresh(sql, c.req.valid('json').refreshToken)
    if (!tokens) throw new ProblemError('invalid_refresh_token', 'Sign in again.')
    if (tokens === 'disabled') {
      throw new ProblemError('account_disabled', 'An admin disabled this account.')
    }
    return c.json({ ...tokens.pair, account: accountOf(tokens.principal) }, 200)
  })
}
