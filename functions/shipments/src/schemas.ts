import { Id, Latitude, Longitude } from '@dropmate/contracts/fields'
import { Email, Phone, text, textSchema } from '@dropmate/kit'
import { ROLES, SHIPMENT_STATUSES } from '@dropmate/core'
import { z } from '@hono/zod-openapi'

const DETAIL_KEY = { max: 50, blank: true }
const DetailKey = text(DETAIL_KEY)

export const PartyInput = z.strictObject({
  name: text({ max: 200 }),
  phone: Phone.nullish(),
  email: Email.nullish(),
  address: text({ max: 500 }),
  lat: Latitude,
  lng: Longitude,
})

export const NewShipmentBody = z
  .strictObject({
    reference: text({ max: 100 }).optional(),
    sender: PartyInput,
    receiver: PartyInput,
    package: z
      .strictObject({
        // Stored to the gram: anything lighter would be kept as nothing.
        weightKg: z.number().min(0.001).max(1000).optional(),
        description: text({ max: 500, blank: true }).optional(),
        details: z
          .record(DetailKey, z.union([text({ max: 200, blank: true }), z.number(), z.boolean()]))
          .refine((details) => Object.keys(details).length <= 20, 'at most 20 entries')
          .meta({ maxProperties: 20, propertyNames: textSchema(DETAIL_KEY) })
          .optional(),
      })
      .optional(),
    customerId: Id.optional().openapi({
      description: 'Staff only; customers create for themselves',
    }),
  })
  .openapi('NewShipment')

const Party = z.object({
  name: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  address: z.string(),
  lat: z.number(),
  lng: z.number(),
})

export const ShipmentSchema = z
  .object({
    id: Id,
    trackingNumber: z.string(),
    reference: z.string().nullable(),
    status: z.enum(SHIPMENT_STATUSES),
    sender: Party,
    receiver: Party,
    package: z.object({
      weightKg: z.number().nullable(),
      description: z.string().nullable(),
      details: z.record(z.string(), z.unknown()),
    }),
    customerId: Id.nullable(),
    driverId: Id.nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    assignedAt: z.string().nullable(),
    pickedUpAt: z.string().nullable(),
    deliveredAt: z.string().nullable(),
    cancelledAt: z.string().nullable(),
    cancellationReason: z.string().nullable(),
    version: z.number().int(),
  })
  .openapi('Shipment')

export const TimelineEventSchema = z
  .object({
    id: z.string(),
    type: z.string(),
    fromStatus: z.enum(SHIPMENT_STATUSES).nullable(),
    toStatus: z.enum(SHIPMENT_STATUSES).nullable(),
    actorRole: z.enum([...ROLES, 'system']).nullable(),
    lat: z.number().nullable(),
    lng: z.number().nullable(),
    note: z.string().nullable(),
    occurredAt: z.string(),
  })
  .openapi('TimelineEvent')

export const Reason = text({ max: 500 })
