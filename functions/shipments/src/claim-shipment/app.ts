import {
  BEARER,
  IdParam,
  json,
  problems,
  requireAuth,
  type ApiDeps,
  type ApiEnv,
} from '@dropmate/kit'
import { findDriverById } from '@dropmate/db'
import { createApiApp, ProblemError } from '@dropmate/runtime'
import { createRoute } from '@hono/zod-openapi'
import { ShipmentSchema } from '../schemas'
import { shipmentView } from '../shipment-view'
import { transitionShipment } from '../transition-shipment'

export const route = createRoute({
  method: 'post',
  path: '/api/shipments/{id}/claim',
  operationId: 'claimShipment',
  summary: 'A driver on duty takes an unassigned shipment',
  security: BEARER,
  request: { params: IdParam },
  responses: {
    200: json(ShipmentSchema, 'Claimed'),
    ...problems(400, 401, 403, 404, 409),
  },
})

export function claimShipment(deps: ApiDeps) {
  return createApiApp<ApiEnv>().openapi(
    { ...route, middleware: [requireAuth(deps.auth, ['driver'])] },
    async (c) => {
      const actor = c.var.actor
      const driver = actor.driverId ? await findDriverById(deps.sql, actor.driverId) : undefined
      if (!driver || driver.dutyStatus === 'offline') {
        throw new ProblemError('driver_off_duty', 'Go on duty before claiming shipments.')
      }
      const shipment = await transitionShipment(deps, {
        shipmentId: c.req.valid('param').id,
        to: 'assigned',
        actor,
        source: '/functions/claim-shipment',
        assigneeDriverId: driver.id,
      })
      return c.json(shipmentView(shipment, actor), 200)
    },
  )
}
