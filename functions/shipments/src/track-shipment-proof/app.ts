import {
  clientAddress,
  json,
  problems,
  PUBLIC,
  TrackingNumberParam,
  type ApiDeps,
} from '@dropmate/kit'
import { PublicProofView } from '@dropmate/contracts/rest/proof'
import { normalizeTrackingNumber } from '@dropmate/core'
import { listDeliveryProofsByTrackingNumber } from '@dropmate/db'
import { createApiApp } from '@dropmate/runtime'
import { createRoute, z } from '@hono/zod-openapi'
import { publicProofView } from '../proof-view'

const TrackingProofs = z
  .object({ proofs: z.array(PublicProofView).meta({ description: 'Newest first' }) })
  .meta({ id: 'TrackingProofs' })

export const route = createRoute({
  method: 'get',
  path: '/api/shipments/track/{trackingNumber}/proof',
  operationId: 'trackShipmentProof',
  summary: 'Public proof of delivery: that there is one, and its photos (no sign-in)',
  security: PUBLIC,
  request: { params: TrackingNumberParam },
  responses: { 200: json(TrackingProofs, 'The proofs, if any'), ...problems(400, 429) },
})

/**
 * The tracking page's proof of delivery, beside the tracking view rather than in it: its
 * links expire within minutes, and the tracking view is cached for longer. An unknown
 * number has no proofs, as a parcel without one has none: nothing to tell them apart by.
 */
export function trackShipmentProof(deps: ApiDeps) {
  return createApiApp().openapi(route, async (c) => {
    await deps.trackingLimit.consume(clientAddress(c, deps.config.TRUST_PROXY))
    const trackingNumber = normalizeTrackingNumber(c.req.valid('param').trackingNumber)
    const recorded = trackingNumber
      ? await listDeliveryProofsByTrackingNumber(deps.sql, trackingNumber)
      : []
    const proofs = await Promise.all(recorded.map((proof) => publicProofView(deps, proof)))
    c.header('cache-control', 'no-store')
    return c.json({ proofs }, 200)
  })
}
