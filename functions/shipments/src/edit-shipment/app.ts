import {
  BEARER,
  Email,
  IdParam,
  json,
  jsonBody,
  Phone,
  problems,
  requireAuth,
  text,
  type ApiDeps,
  type ApiEnv,
} from '@dropmate/kit'
import { Latitude, Longitude } from '@dropmate/contracts/fields'
import { createApiApp, ProblemError } from '@dropmate/runtime'
import { createRoute, z } from '@hono/zod-openapi'
import type { MiddlewareHandler } from 'hono'
import { amendShipment } from '../amend-shipment'
import { acceptedVersions, entityTag, IfMatchHeader } from '../entity-tag'
import { DeliveryWindowInput, Notes, ShipmentSchema } from '../schemas'
import { shipmentView } from '../shipment-view'

const ReceiverChanges = z
  .strictObject({
    name: text({ max: 200 }).optional(),
    phone: Phone.nullable().optional(),
    email: Email.nullable().optional(),
    address: text({ max: 500 }).optional(),
    lat: Latitude.optional(),
    lng: Longitude.optional(),
  })
  .refine((receiver) => (receiver.lat === undefined) === (receiver.lng === undefined), {
    message: 'lat and lng come together',
  })

const ShipmentEdit = z
  .strictObject({
    receiver: ReceiverChanges.optional(),
    notes: Notes.nullable().optional(),
    deliveryWindow: DeliveryWindowInput.nullable().optional().openapi({
      description: 'null takes the slot away',
    }),
  })
  .refine((edit) => Object.keys(edit).length > 0, { message: 'nothing to change' })
  .meta({ minProperties: 1 })
  .openapi('ShipmentEdit')

export const route = createRoute({
  method: 'patch',
  path: '/api/shipments/{id}',
  operationId: 'editShipment',
  summary: 'Edit a shipment before pickup: receiver, drop-off, notes, delivery slot',
  description:
    'Staff edit any shipment, customers their own. `If-Match` must carry the ETag the ' +
    'shipment was read with: a stale one gets 409 `version_conflict` (as issue 18 asks, where ' +
    'RFC 9110 would answer 412), a missing one 428. After pickup: 409 `not_editable`.',
  security: BEARER,
  request: { params: IdParam, headers: IfMatchHeader, body: jsonBody(ShipmentEdit) },
  responses: {
    200: {
      ...json(ShipmentSchema, 'Edited (or unchanged, when nothing differed)'),
      headers: { ETag: { schema: { type: 'string' }, description: 'The new version' } },
    },
    ...problems(400, 401, 403, 404, 409, 413, 415, 428),
  },
})

/**
 * An edit without If-Match is refused as RFC 6585 says, 428, before the request is checked
 * against its schema (which would call the missing header a 400).
 */
const requireIfMatch: MiddlewareHandler = async (c, next) => {
  if (c.req.header('if-match') === undefined) {
    throw new ProblemError(
      'precondition_required',
      'Send If-Match with the ETag the shipment was read with.',
    )
  }
  await next()
}

export function editShipment(deps: ApiDeps) {
  const allowed = requireAuth(deps.auth, ['admin', 'dispatcher', 'customer'])
  return createApiApp<ApiEnv>().openapi(
    { ...route, middleware: [allowed, requireIfMatch] },
    async (c) => {
      const ifMatch = c.req.valid('header')['if-match']
      const shipment = await amendShipment(deps, {
        shipmentId: c.req.valid('param').id,
        edit: c.req.valid('json'),
        versions: acceptedVersions(ifMatch),
        actor: c.var.actor,
      })
      c.header('etag', entityTag(shipment.version))
      return c.json(shipmentView(shipment, c.var.actor), 200)
    },
  )
}
