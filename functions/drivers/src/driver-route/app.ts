import {
  BEARER,
  IdParam,
  json,
  problems,
  requireAuth,
  type ApiDeps,
  type ApiEnv,
} from '@dropmate/kit'
import { createApiApp, ProblemError } from '@dropmate/runtime'
import { createRoute } from '@hono/zod-openapi'
import { DriverRoute } from '@dropmate/contracts/rest/routes'
import { createRoutePlanner } from '../plan-driver-route'
import { createOsrmRouting } from '../road-routing'

// A routing service slower than this is no help to a driver looking at their phone.
const ROUTING_TIMEOUT_MS = 2_500

export const route = createRoute({
  method: 'get',
  path: '/api/drivers/{id}/route',
  operationId: 'driverRoute',
  summary:
    "A driver's open pickups and drop-offs in the order to drive them (drivers: their own), " +
    'by road when a routing service is configured',
  security: BEARER,
  request: { params: IdParam },
  responses: {
    200: json(DriverRoute.meta({ id: 'DriverRoute' }), 'The stops in route order and the line'),
    ...problems(400, 401, 403, 404),
  },
})

export function driverRoute(deps: ApiDeps) {
  const { ROUTING_URL } = deps.config
  const routing = ROUTING_URL
    ? createOsrmRouting(ROUTING_URL, { timeoutMs: ROUTING_TIMEOUT_MS })
    : undefined
  const planner = createRoutePlanner(deps, routing)
  return createApiApp<ApiEnv>().openapi(
    { ...route, middleware: [requireAuth(deps.auth, ['admin', 'dispatcher', 'driver'])] },
    async (c) => {
      const { id } = c.req.valid('param')
      const { actor } = c.var
      if (actor.role === 'driver' && actor.driverId !== id) {
        throw new ProblemError('not_your_route', "Drivers see their own route, not another's.")
      }
      const planned = await planner.plan(id, new Date())
      if (!planned) throw new ProblemError('driver_not_found', 'No such driver.')
      return c.json(planned, 200)
    },
  )
}
