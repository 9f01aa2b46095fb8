import {
  BEARER,
  json,
  problems,
  queryNumber,
  requireAuth,
  type ApiDeps,
  type ApiEnv,
} from '@dropmate/kit'
import { listAudit } from '@dropmate/db'
import { AuditPage } from '@dropmate/contracts/rest/accounts'
import { createApiApp } from '@dropmate/runtime'
import { createRoute, z } from '@hono/zod-openapi'

const AuditQuery = z.object({
  targetId: z.uuid().optional().openapi({ description: 'Changes made to this account' }),
  actorId: z.uuid().optional().openapi({ description: 'Changes made by this account' }),
  limit: queryNumber(z.number().int().min(1).max(100)).default(50),
  cursor: z.uuid({ error: 'must be a cursor from a previous page' }).optional(),
})

export const route = createRoute({
  method: 'get',
  path: '/api/audit',
  operationId: 'listAudit',
  summary: 'Who changed which account how, newest first, a page at a time (admins)',
  security: BEARER,
  request: { query: AuditQuery },
  responses: {
    200: json(AuditPage.meta({ id: 'AuditPage' }), 'A page'),
    ...problems(400, 401, 403),
  },
})

export function listAuditApp(deps: ApiDeps) {
  return createApiApp<ApiEnv>().openapi(
    { ...route, middleware: [requireAuth(deps.auth, ['admin'])] },
    async (c) => {
      const { cursor, limit, ...filter } = c.req.valid('query')
      // one more than asked, to know whether another page follows
      const page = await listAudit(deps.sql, { ...filter, afterId: cursor, limit: limit + 1 })
      const items = page.slice(0, limit).map((entry) => ({ ...entry, at: entry.at.toISOString() }))
      const nextCursor = page.length > limit ? items.at(-1)!.id : null
      return c.json({ items, nextCursor }, 200)
    },
  )
}
