import {
  accountBody,
  BEARER,
  createAccount,
  Email,
  json,
  jsonBody,
  PersonName,
  Phone,
  problems,
  requireAuth,
  type ApiDeps,
  type ApiEnv,
} from '@dropmate/kit'
import { createApiApp, ProblemError } from '@dropmate/runtime'
import { createRoute, z } from '@hono/zod-openapi'
import { AccountSchema } from '../schemas'

const NewUser = {
  email: Email,
  name: PersonName,
  phone: Phone.optional(),
  // Drivers come with a vehicle: POST /api/drivers creates them.
  role: z.enum(['admin', 'dispatcher', 'customer']),
}

export const route = createRoute({
  method: 'post',
  path: '/api/users',
  operationId: 'createUser',
  summary: 'Create an account (admins: any role; dispatchers: customers)',
  security: BEARER,
  responses: {
    201: json(AccountSchema, 'Created'),
    ...problems(400, 401, 403, 409, 413, 415),
  },
})

export function createUserAccount(deps: ApiDeps) {
  return createApiApp<ApiEnv>().openapi(
    {
      ...route,
      request: { body: jsonBody(accountBody(NewUser, deps.config)) },
      middleware: [requireAuth(deps.auth, ['admin', 'dispatcher'])],
    },
    async (c) => {
      const body = c.req.valid('json')
      if (c.var.actor.role === 'dispatcher' && body.role !== 'customer') {
        throw new ProblemError('forbidden_role', 'Dispatchers create customer accounts only.')
      }
      const { user } = await createAccount(deps.sql, {
        ...body,
        password: body.password ?? null,
      })
      const { id, email, name, role } = user
      return c.json({ id, email, name, role, driverId: null }, 201)
    },
  )
}
