import {
  BEARER,
  IdParam,
  json,
  problems,
  requireAuth,
  type ApiDeps,
  type ApiEnv,
} from '@dropmate/kit'
import { DriverFix } from '@dropmate/contracts/rest'
import { mayShowDriverPosition } from '@dropmate/core'
import { createApiApp } from '@dropmate/runtime'
import { createRoute } from '@hono/zod-openapi'
import { findVisibleShipment } from '../visibility'

const Location = DriverFix.meta({ id: 'DriverLocation' })

export const route = createRoute({
  method: 'get',
  path: '/api/shipments/{id}/location',
  operationId: 'shipmentLocation',
  summary: "The latest position of the shipment's driver",
  security: BEARER,
  request: { params: IdParam },
  responses: {
    200: json(Location, 'Latest position'),
    // Not a 404: the shipment is there, its driver's position is not (yet), which a client
    // polling a parcel expects and should not have to tell from a mistyped id by a code.
    204: { description: 'No current position: no driver yet, not on the way, or not heard from' },
    ...problems(400, 401, 404),
  },
})

export function shipmentLocation(deps: ApiDeps) {
  const { store } = deps.locations
  return createApiApp<ApiEnv>().openapi(
    { ...route, middleware: [requireAuth(deps.auth)] },
    async (c) => {
      const actor = c.var.actor
      const shipment = await findVisibleShipment(deps.sql, c.req.valid('param').id, actor)
      const visible =
        shipment.driverId !== null && mayShowDriverPosition(shipment.status, actor.role)
      const position = visible ? await store.latest(shipment.driverId!) : undefined
      if (!position) return c.body(null, 204)
      const { recentSpeedMps: _, ...fix } = position
      return c.json({ ...fix, recordedAt: fix.recordedAt.toISOString() }, 200)
    },
  )
}
