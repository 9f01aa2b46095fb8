import {
  BEARER,
  json,
  problems,
  queryNumber,
  requireAuth,
  text,
  type ApiDeps,
  type ApiEnv,
} from '@dropmate/kit'
import { ROLES } from '@dropmate/core'
import { listUsers } from '@dropmate/db'
import { UserPage } from '@dropmate/contracts/rest/accounts'
import { createApiApp } from '@dropmate/runtime'
import { createRoute, z } from '@hono/zod-openapi'
import { summaryView } from '../user-views'

const ListQuery = z.object({
  q: text({ max: 100 }).optional().openapi({
    description: 'A fragment of the name, email or phone number',
  }),
  role: z.enum(ROLES).optional(),
  disabled: z
    .enum(['true', 'false'])
    .transform((flag) => flag === 'true')
    .optional()
    .openapi({ description: 'true: disabled accounts only; false: enabled ones only' }),
  limit: queryNumber(z.number().int().min(1).max(100)).default(25),
  cursor: z.uuid({ error: 'must be a cursor from a previous page' }).optional(),
})

export const route = createRoute({
  method: 'get',
  path: '/api/users',
  operationId: 'listUsers',
  summary: 'Accounts by name, searched and filtered, a page at a time (admins)',
  security: BEARER,
  request: { query: ListQuery },
  responses: {
    200: json(UserPage.meta({ id: 'UserPage' }), 'A page'),
    ...problems(400, 401, 403),
  },
})

export function listUsersApp(deps: ApiDeps) {
  return createApiApp<ApiEnv>().openapi(
    { ...route, middleware: [requireAuth(deps.auth, ['admin'])] },
    async (c) => {
      const { cursor, limit, ...filter } = c.req.valid('query')
      // one more than asked, to know whether another page follows
      const page = await listUsers(deps.sql, { ...filter, afterId: cursor, limit: limit + 1 })
      const items = page.slice(0, limit)
      const nextCursor = page.length > limit ? items.at(-1)!.id : null
      return c.json({ items: items.map(summaryView), nextCursor }, 200)
    },
  )
}
