import {
  BEARER,
  json,
  jsonBody,
  problems,
  requireAuth,
  type ApiDeps,
  type ApiEnv,
} from '@dropmate/kit'
import { createApiApp } from '@dropmate/runtime'
import { createRoute, z } from '@hono/zod-openapi'
import { registerShipment } from '../register-shipment'
import { NewShipmentBody, ShipmentSchema } from '../schemas'

const IdempotencyHeader = z.object({
  'idempotency-key': z
    .string()
    .regex(/^[\x21-\x7e]{1,255}$/, 'must be 1 to 255 visible ASCII characters')
    .optional()
    .openapi({ description: 'Retries with the same key return the first result' }),
})

export const route = createRoute({
  method: 'post',
  path: '/api/shipments',
  operationId: 'createShipment',
  summary: 'Create a shipment (staff for anyone, customers for themselves)',
  security: BEARER,
  request: { headers: IdempotencyHeader, body: jsonBody(NewShipmentBody) },
  responses: {
    201: json(ShipmentSchema, 'Created (or, for a repeated Idempotency-Key, created before)'),
    ...problems(400, 401, 403, 409, 413, 415, 422),
  },
})

export function createShipment(deps: ApiDeps) {
  return createApiApp<ApiEnv>().openapi(
    { ...route, middleware: [requireAuth(deps.auth, ['admin', 'dispatcher', 'customer'])] },
    async (c) => {
      const { view, replayed } = await registerShipment(deps, {
        body: c.req.valid('json'),
        actor: c.var.actor,
        idempotencyKey: c.req.valid('header')['idempotency-key'],
      })
      if (replayed) c.header('idempotent-replayed', 'true')
      c.header('location', `/api/shipments/${view.id}`)
      return c.json(view, 201)
    },
  )
}
