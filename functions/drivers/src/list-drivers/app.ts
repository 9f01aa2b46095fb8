import { BEARER, json, problems, requireAuth, text, type ApiDeps, type ApiEnv } from '@dropmate/kit'
import { listDriverViews } from '@dropmate/db'
import { createApiApp } from '@dropmate/runtime'
import { createRoute, z } from '@hono/zod-openapi'
import { DutyStatus } from '@dropmate/contracts/driver-events'
import { DriverSchema } from '../schemas'

// Strict: a misspelt filter (`?status=busy`) answers 400 instead of silently listing everyone.
const DriverQuery = z.strictObject({
  dutyStatus: DutyStatus.optional(),
  q: text({ max: 100, blank: true })
    .optional()
    .openapi({ description: 'Part of the name, any case' }),
})

export const route = createRoute({
  method: 'get',
  path: '/api/drivers',
  operationId: 'listDrivers',
  summary: 'Drivers by name, with their duty status and current load (a driver: only themselves)',
  security: BEARER,
  request: { query: DriverQuery },
  responses: {
    200: json(z.object({ items: z.array(DriverSchema) }), 'The matching drivers'),
    ...problems(400, 401, 403),
  },
})

export function listDrivers(deps: ApiDeps) {
  return createApiApp<ApiEnv>().openapi(
    { ...route, middleware: [requireAuth(deps.auth, ['admin', 'dispatcher', 'driver'])] },
    async (c) => {
      const { dutyStatus, q } = c.req.valid('query')
      // A driver's phone reads its own duty status here, which a dispatcher may have changed.
      const id = c.var.actor.role === 'driver' ? c.var.actor.driverId : undefined
      if (id === null) return c.json({ items: [] }, 200)
      // An empty search box means no name filter, not a 400.
      const items = await listDriverViews(deps.sql, { id, dutyStatus, q: q || undefined })
      return c.json({ items }, 200)
    },
  )
}
