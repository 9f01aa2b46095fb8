import type { ApiDeps, Principal } from '@dropmate/kit'
import { newTrackingNumber, ownerOfNewShipment } from '@dropmate/core'
import {
  appendShipmentEvent,
  claimIdempotencyKey,
  findAccount,
  findIdempotentResponse,
  insertShipment,
  storeIdempotentResponse,
  type Queryable,
} from '@dropmate/db'
import { ProblemError } from '@dropmate/runtime'
import type { z } from '@hono/zod-openapi'
import { createHash } from 'node:crypto'
import { announce } from './announce'
import type { NewShipmentBody } from './schemas'
import { shipmentView, type ShipmentView } from './shipment-view'

const SOURCE = '/functions/create-shipment'

type NewShipment = z.infer<typeof NewShipmentBody>

export interface Registration {
  body: NewShipment
  actor: Principal
  /** Retries with the same key get the first result. */
  idempotencyKey?: string
}

/**
 * Creates a shipment, its first timeline entry and its `created` event in one transaction,
 * once per idempotency key: a retry with the key gets the shipment created the first time
 * (`replayed`), a different request with it a 422.
 */
export async function registerShipment(
  deps: Pick<ApiDeps, 'sql' | 'trackingCache'>,
  { body, actor, idempotencyKey: key }: Registration,
): Promise<{ view: ShipmentView; replayed: boolean }> {
  const { userId } = actor
  const requestHash = createHash('sha256').update(JSON.stringify(body)).digest('hex')
  const outcome = await deps.sql.begin(async (tx) => {
    if (key && !(await claimIdempotencyKey(tx, { userId, key, requestHash }))) {
      return { replay: (await findIdempotentResponse(tx, userId, key))! }
    }
    const view = await insertWithTimeline(tx, body, actor)
    if (key) await storeIdempotentResponse(tx, { userId, key, status: 201, body: view })
    return { view }
  })
  if (outcome.replay) {
    if (outcome.replay.requestHash !== requestHash) {
      throw new ProblemError(
        'idempotency_key_reused',
        'This Idempotency-Key was used for another request.',
      )
    }
    return { view: outcome.replay.responseBody as ShipmentView, replayed: true }
  }
  await deps.trackingCache.invalidate(outcome.view.trackingNumber)
  return { view: outcome.view, replayed: false }
}

/**
 * A new shipment with its first timeline entry and its `created` event, inside `tx`; a
 * `reference_taken` problem when its reference is already on another shipment.
 */
export async function insertWithTimeline(tx: Queryable, body: NewShipment, actor: Principal) {
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
    notes: body.notes,
    deliveryWindow: body.deliveryWindow && {
      from: new Date(body.deliveryWindow.from),
      to: new Date(body.deliveryWindow.to),
    },
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

/** The customer the shipment is for, checked to be one when staff name them. */
async function customerFor(tx: Queryable, body: NewShipment, actor: Principal) {
  const owner = ownerOfNewShipment(actor, body.customerId)
  if ('refused' in owner) {
    throw new ProblemError(owner.refused, 'Customers create shipments for themselves.')
  }
  if (!owner.check) return owner.customerId
  const customer = await findAccount(tx, owner.customerId!)
  if (customer?.role !== 'customer') {
    throw new ProblemError('unknown_customer', 'customerId is not a customer account.', {
      errors: [{ field: 'body.customerId', message: 'no such customer' }],
    })
  }
  return customer.id
}
