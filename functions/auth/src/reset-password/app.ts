import {
  BEARER,
  IdParam,
  json,
  jsonBody,
  NewPassword,
  problems,
  requireAuth,
  type ApiDeps,
  type ApiEnv,
} from '@dropmate/kit'
import { PasswordReset } from '@dropmate/contracts/rest/accounts'
import { createApiApp, ProblemError } from '@dropmate/runtime'
import { createRoute, z } from '@hono/zod-openapi'
import { resetAccountPassword } from '../reset-account-password'
import { managedView } from '../user-views'

// Either the new password, or an explicit ask to make one up: an empty body is a mistake.
const ResetBody = z
  .union([
    z.strictObject({ password: NewPassword }),
    z.strictObject({
      generate: z.literal(true).openapi({ description: 'Make one up, answered this once' }),
    }),
  ])
  .openapi({ description: 'The new password, or `{ "generate": true }`' })

export const route = createRoute({
  method: 'post',
  path: '/api/users/{id}/password',
  operationId: 'resetPassword',
  summary: 'Set a new password for an account and end its sessions (admins, local auth mode)',
  description:
    'With Firebase sign-in, Firebase keeps the passwords: 409 `passwords_managed_by_firebase`.',
  security: BEARER,
  request: { params: IdParam, body: jsonBody(ResetBody) },
  responses: {
    200: json(PasswordReset.meta({ id: 'PasswordReset' }), 'The password was replaced'),
    ...problems(400, 401, 403, 404, 409, 413, 415),
  },
})

export function resetPasswordApp(deps: ApiDeps) {
  return createApiApp<ApiEnv>().openapi(
    { ...route, middleware: [requireAuth(deps.auth, ['admin'])] },
    async (c) => {
      if (deps.config.AUTH_MODE !== 'local') {
        throw new ProblemError(
          'passwords_managed_by_firebase',
          'Firebase keeps the passwords here: the user resets theirs from the sign-in page.',
        )
      }
      const { id } = c.req.valid('param')
      const body = c.req.valid('json')
      const password = 'password' in body ? body.password : undefined
      const reset = await resetAccountPassword(deps, c.var.actor, id, password)
      return c.json(
        { account: managedView(reset.account), generatedPassword: reset.generated },
        200,
      )
    },
  )
}
