import { createRoute, type z } from '@hono/zod-openapi'
import { requireAuth } from '../auth/middleware'
import type { ApiDeps } from '../deps'
import { Email, Phone } from '../fields'
import { BEARER, json, jsonBody, problems } from '../openapi'
import { accountBody, PersonName } from './account-fields'

/** What every new account gives, whatever its role. */
export const NewPerson = { email: Email, name: PersonName, phone: Phone.optional() }

/**
 * The route of an endpoint where staff create an account: 201 with `created`. Its body is
 * added by `staffCreatesAccount`, as the sign-in mode decides whether it takes a password.
 *
 * @example
 * export const route = accountRoute({ path: '/api/users', operationId, summary, created })
 */
export function accountRoute<T extends z.ZodType>(options: {
  path: string
  operationId: string
  summary: string
  created: T
}) {
  const { created, ...named } = options
  return createRoute({
    ...named,
    method: 'post',
    security: BEARER,
    responses: {
      201: json(created, 'Created'),
      ...problems(400, 401, 403, 409, 413, 415),
    },
  })
}

/**
 * The `openapi()` config of an account route: admins and dispatchers only, a body of
 * `NewPerson`, `fields` and the password the sign-in mode needs.
 *
 * @example
 * createApiApp<ApiEnv>().openapi(staffCreatesAccount(deps, route, { role }), async (c) => …)
 */
export function staffCreatesAccount<
  R extends ReturnType<typeof accountRoute>,
  S extends z.ZodRawShape,
>(deps: ApiDeps, route: R, fields: S) {
  return {
    ...route,
    request: { body: jsonBody(accountBody({ ...NewPerson, ...fields }, deps.config)) },
    middleware: [requireAuth(deps.auth, ['admin', 'dispatcher'])],
  }
}
