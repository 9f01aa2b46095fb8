import {
  BEARER,
  json,
  jsonBody,
  problems,
  requireAuth,
  type ApiDeps,
  type ApiEnv,
  type Principal,
} from '@dropmate/kit'
import { newTrackingNumber } from '@dropmate/core'
import {
  appendShipmentEvent,
  claimIdempotencyKey,
  findAccount,
  findIdempotentResponse,
  insertShipment,
  storeIdempotentResponse,
  type Queryable,
} from '@dropmate/db'
import { createApiApp, ProblemError } from '@dropmate/runtime'
import { createRoute, z } from '@hono/zod-openapi'
import { createHash } from 'node:crypto'
import { announce } from '../announce'
import { NewShipmentBody, ShipmentSchema } from '../schemas'
import { shipmentView } from '../shipment-view'

const SOURCE = '/functions/create-shipment'

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

type NewShipment = z.infer<typeof NewShipmentBody>

export function createShipment(deps: ApiDeps) {
  return createApiApp<ApiEnv>().openapi(
    { ...route, middleware: [requireAuth(deps.auth, ['admin', 'dispatcher', 'customer'])] },
    async (c) => {
      const body = c.req.valid('json')
      const key = c.req.valid('header')['idempotency-key']
      const actor = c.var.actor
      const requestHash = createHash('sha256').update(JSON.stringify(body)).digest('hex')

      const outcome = await deps.sql.begin(async (tx) => {
        if (key && !(await claimIdempotencyKey(tx, { userId: actor.userId, key, requestHash }))) {
          return { replay: (await findIdempotentResponse(tx, actor.userId, key))! }
        }
        const view = await insertWithTimeline(tx, body, actor)
        if (key)
          await storeIdempotentResponse(tx, { userId: actor.userId, key, status: 201, body: view })
        return { view }
      })

      if (outcome.replay) {
        if (outcome.replay.requestHash !== requestHash) {
          throw new ProblemError(
            'idempotency_key_reused',
            'This Idempotency-Key was used for another request.',
          )
        }
        const replayed = outcome.replay.responseBody as ReturnType<typeof shipmentView>
        c.header('idempotent-replayed', 'true')
        c.header('location', `/api/shipments/${replayed.id}`)
        return c.json(replayed, 201)
      }
      await deps.trackingCache.invalidate(outcome.view.trackingNumber)
      c.header('location', `/api/shipments/${outcome.view.id}`)
      return c.json(outcome.view, 201)
    },
  )
}

async function insertWithTimeline(tx: Queryable, body: NewShipment, actor: Principal) {
  const customerId = await customerFor(tx, body, actor)
  const shipment = await insertShipment(tx, {
    trackingNumber: newTrackingNumber(),
    reference: body.reference,
    sender: { ...body.sender, phone: body.sender.phone ?? null, email: body.sender.email ?? null },
    receiver: {
      ...body.receiver,
      phone: body.receiver.phone ?? null,
      email: body.receiver.email ?? null,
    },
    packageWeightKg: body.package?.weightKg,
    packageDescription: body.package?.description,
    packageDetails: body.package?.details,
    customerId,
    createdBy: actor.userId,
  })
  if (!shipment) {
    throw new ProblemError('reference_taken', `Reference ${body.reference} is on another shipment.`)
  }
  await appendShipmentEvent(tx, {
    shipmentId: shipment.id,
    type: 'created',
    toStatus: 'pending',
    actorUserId: actor.userId,
    actorRole: actor.role,
  })
  await announce(tx, SOURCE, { kind: 'created', shipment })
  return shipmentView(shipment, actor)
}

/** Customers create for themselves; staff may name a customer, who must be one. */
async function customerFor(tx: Queryable, body: NewShipment, actor: Principal) {
  if (actor.role === 'customer') {
    if (body.customerId && body.customerId !== actor.userId) {
      throw new ProblemError('forbidden_field', 'Customers create shipments for themselves.')
    }
    return actor.userId
  }
  if (!body.customerId) return null
  const customer = await findAccount(tx, body.customerId)
  if (customer?.role !== 'customer') {
    throw new ProblemError('unknown_customer', 'customerId is not a customer account.', {
      errors: [{ field: 'body.customerId', message: 'no such customer' }],
    })
  }
  return customer.id
}
