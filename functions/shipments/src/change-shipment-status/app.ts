import {
  BEARER,
  IdParam,
  json,
  jsonBody,
  problems,
  requireAuth,
  text,
  type ApiDeps,
  type ApiEnv,
} from '@dropmate/kit'
import { LatLng } from '@dropmate/contracts/fields'
import { createApiApp } from '@dropmate/runtime'
import { createRoute, z } from '@hono/zod-openapi'
import { ProofInput } from '../proof-files'
import { Reason, ShipmentSchema } from '../schemas'
import { shipmentView } from '../shipment-view'
import { transitionShipment } from '../transition-shipment'

const Details = {
  note: text({ max: 500, blank: true }).optional(),
  position: LatLng.optional().openapi({ description: 'Where the driver was when it happened' }),
}

const Proof = ProofInput.optional().openapi({
  description: 'Photos, a signature, the recipient: files from POST .../proof-uploads',
})

// assigned and cancelled have their own endpoints: assign, claim, and DELETE.
const StatusChange = z
  .discriminatedUnion('status', [
    z.strictObject({ status: z.literal('failed'), reason: Reason, proof: Proof, ...Details }),
    z.strictObject({
      status: z.literal('delivered'),
      reason: Reason.optional(),
      proof: Proof,
      ...Details,
    }),
    z.strictObject({
      status: z.enum(['picked_up', 'in_transit']),
      reason: Reason.optional(),
      ...Details,
    }),
  ])
  .openapi('StatusChange')

export const route = createRoute({
  method: 'patch',
  path: '/api/shipments/{id}/status',
  operationId: 'changeShipmentStatus',
  summary: 'Move a shipment along: picked up, in transit, delivered or failed',
  security: BEARER,
  request: { params: IdParam, body: jsonBody(StatusChange) },
  responses: {
    200: json(ShipmentSchema, 'Moved'),
    ...problems(400, 401, 403, 404, 409, 413, 415, 422),
  },
})

export function changeShipmentStatus(deps: ApiDeps) {
  return createApiApp<ApiEnv>().openapi(
    { ...route, middleware: [requireAuth(deps.auth, ['admin', 'dispatcher', 'driver'])] },
    async (c) => {
      const body = c.req.valid('json')
      const shipment = await transitionShipment(deps, {
        shipmentId: c.req.valid('param').id,
        to: body.status,
        actor: c.var.actor,
        source: '/functions/change-shipment-status',
        reason: body.reason,
        note: body.note,
        position: body.position,
        proof: 'proof' in body ? body.proof : undefined,
      })
      return c.json(shipmentView(shipment, c.var.actor), 200)
    },
  )
}
