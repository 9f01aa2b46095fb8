import {
  BEARER,
  IdParam,
  json,
  jsonBody,
  problems,
  requireAuth,
  type ApiDeps,
  type ApiEnv,
  type Principal,
} from '@dropmate/kit'
import { appendShipmentEvent, findDriverById, lockShipment, reassignShipment } from '@dropmate/db'
import { createApiApp, ProblemError } from '@dropmate/runtime'
import { createRoute, z } from '@hono/zod-openapi'
import { announce } from '../announce'
import { ShipmentSchema } from '../schemas'
import { shipmentView } from '../shipment-view'
import { transitionShipment } from '../transition-shipment'
import { shipmentNotFound } from '../visibility'

const SOURCE = '/functions/assign-shipment'

const Assignment = z
  .strictObject({
    driverId: z.uuid(),
    reassign: z
      .boolean()
      .default(false)
      .openapi({ description: 'Hand an already assigned shipment to another driver' }),
  })
  .openapi('Assignment')

export const route = createRoute({
  method: 'post',
  path: '/api/shipments/{id}/assign',
  operationId: 'assignShipment',
  summary: 'A dispatcher gives a shipment to a driver',
  security: BEARER,
  request: { params: IdParam, body: jsonBody(Assignment) },
  responses: {
    200: json(ShipmentSchema, 'Assigned'),
    ...problems(400, 401, 403, 404, 409, 413, 415, 422),
  },
})

export function assignShipment(deps: ApiDeps) {
  return createApiApp<ApiEnv>().openapi(
    { ...route, middleware: [requireAuth(deps.auth, ['admin', 'dispatcher'])] },
    async (c) => {
      const { driverId, reassign } = c.req.valid('json')
      const shipmentId = c.req.valid('param').id
      const actor = c.var.actor
      if (!(await findDriverById(deps.sql, driverId))) {
        throw new ProblemError('unknown_driver', 'driverId is not a driver.', {
          errors: [{ field: 'body.driverId', message: 'no such driver' }],
        })
      }
      const shipment = reassign
        ? await handOver(deps, shipmentId, driverId, actor)
        : await transitionShipment(deps, {
            shipmentId,
            to: 'assigned',
            actor,
            source: SOURCE,
            assigneeDriverId: driverId,
          })
      return c.json(shipmentView(shipment, actor), 200)
    },
  )
}

/** Hands an assigned shipment to another driver: no status change, a new assignment. */
async function handOver(deps: ApiDeps, shipmentId: string, driverId: string, actor: Principal) {
  const moved = await deps.sql.begin(async (tx) => {
    const shipment = await lockShipment(tx, shipmentId)
    if (!shipment) throw shipmentNotFound()
    if (shipment.status !== 'assigned') {
      throw new ProblemError(
        'not_reassignable',
        `A ${shipment.status} shipment cannot be reassigned.`,
      )
    }
    if (shipment.driverId === driverId) return shipment
    const updated = (await reassignShipment(tx, { id: shipmentId, driverId }))!
    await appendShipmentEvent(tx, {
      shipmentId,
      type: 'assigned',
      fromStatus: 'assigned',
      toStatus: 'assigned',
      actorUserId: actor.userId,
      actorRole: actor.role,
      metadata: { driverId, previousDriverId: shipment.driverId },
    })
    await announce(tx, SOURCE, {
      kind: 'assigned',
      shipment: updated,
      previousDriverId: shipment.driverId,
    })
    return updated
  })
  await deps.trackingCache.invalidate(moved.trackingNumber)
  return moved
}
