import {
  BEARER,
  IdParam,
  json,
  problems,
  requireAuth,
  type ApiDeps,
  type ApiEnv,
} from '@dropmate/kit'
import { ProofView, PublicProofView } from '@dropmate/contracts/rest/proof'
import { listDeliveryProofs } from '@dropmate/db'
import { createApiApp } from '@dropmate/runtime'
import { createRoute, z } from '@hono/zod-openapi'
import { publicProofView, staffProofView } from '../proof-view'
import { findVisibleShipment } from '../visibility'

const ShipmentProofs = z
  .object({
    proofs: z.array(z.union([ProofView, PublicProofView])).meta({
      description: 'Newest first; staff see everything, the customer what tracking shows',
    }),
  })
  .meta({ id: 'ShipmentProofs' })

export const route = createRoute({
  method: 'get',
  path: '/api/shipments/{id}/proof',
  operationId: 'getShipmentProof',
  summary: 'Proof of delivery of a shipment, its files behind short-lived signed links',
  security: BEARER,
  request: { params: IdParam },
  responses: {
    200: json(ShipmentProofs, 'The proofs recorded, if any'),
    ...problems(400, 401, 403, 404),
  },
})

export function getShipmentProof(deps: ApiDeps) {
  return createApiApp<ApiEnv>().openapi(
    { ...route, middleware: [requireAuth(deps.auth, ['admin', 'dispatcher', 'customer'])] },
    async (c) => {
      const { actor } = c.var
      const shipment = await findVisibleShipment(deps.sql, c.req.valid('param').id, actor)
      const staff = actor.role === 'admin' || actor.role === 'dispatcher'
      const view = staff ? staffProofView : publicProofView
      const recorded = await listDeliveryProofs(deps.sql, shipment.id)
      const proofs = await Promise.all(recorded.map((proof) => view(deps, proof)))
      // Signed links inside: no cache may keep them past their life.
      c.header('cache-control', 'no-store')
      return c.json({ proofs }, 200)
    },
  )
}
