import {
  accountRoute,
  createAccount,
  staffCreatesAccount,
  type ApiDeps,
  type ApiEnv,
} from '@dropmate/kit'
import { createApiApp, ProblemError } from '@dropmate/runtime'
import { z } from '@hono/zod-openapi'
import { AccountSchema } from '../schemas'

const NewUser = {
  // Drivers come with a vehicle: POST /api/drivers creates them.
  role: z.enum(['admin', 'dispatcher', 'customer']),
}

export const route = accountRoute({
  path: '/api/users',
  operationId: 'createUser',
  summary: 'Create an account (admins: any role; dispatchers: customers)',
  created: AccountSchema,
})

export function createUserAccount(deps: ApiDeps) {
  return createApiApp<ApiEnv>().openapi(staffCreatesAccount(deps, route, NewUser), async (c) => {
    const body = c.req.valid('json')
    if (c.var.actor.role === 'dispatcher' && body.role !== 'customer') {
      throw new ProblemError('forbidden_role', 'Dispatchers create customer accounts only.')
    }
    const { user } = await createAccount(deps.sql, {
      ...body,
      password: body.password ?? null,
      createdBy: c.var.actor.userId,
    })
    const { id, email, name, role } = user
    return c.json({ id, email, name, role, driverId: null }, 201)
  })
}
