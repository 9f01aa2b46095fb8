import { BEARER, IdParam, json, jsonBody, problems, requireAuth } from '@dropmate/kit'
import type { ApiDeps, ApiEnv } from '@dropmate/kit'
import { ManagedAccount } from '@dropmate/contracts/rest/accounts'
import { createApiApp } from '@dropmate/runtime'
import { createRoute, z } from '@hono/zod-openapi'
import { changeAccess } from '../change-access'
import { managedView } from '../user-views'

const AccessPatch = z
  .strictObject({
    // Drivers come with a vehicle and deliveries: POST /api/drivers makes them.
    role: z.enum(['admin', 'dispatcher', 'customer']).optional(),
    disabled: z.boolean().optional().openapi({ description: 'true: no sign-in, no token counts' }),
  })
  .refine((patch) => Object.keys(patch).length > 0, { error: 'must change at least one field' })
  .openapi({ minProperties: 1 })

export const route = createRoute({
  method: 'patch',
  path: '/api/users/{id}',
  operationId: 'updateUser',
  summary: "Change an account's role or disable it (admins); its tokens stop counting at once",
  description: 'No change may leave the shop without an enabled admin: 409 `last_admin`.',
  security: BEARER,
  request: { params: IdParam, body: jsonBody(AccessPatch) },
  responses: {
    200: json(ManagedAccount.meta({ id: 'ManagedAccount' }), 'The account as changed'),
    ...problems(400, 401, 403, 404, 409, 413, 415),
  },
})

export function updateUserAccount(deps: ApiDeps) {
  return createApiApp<ApiEnv>().openapi(
    { ...route, middleware: [requireAuth(deps.auth, ['admin'])] },
    async (c) => {
      const { id } = c.req.valid('param')
      const account = await changeAccess(deps, c.var.actor, id, c.req.valid('json'))
      return c.json(managedView(account), 200)
    },
  )
}
