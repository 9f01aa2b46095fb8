import { ROLES, SHIPMENT_STATUSES } from '@dropmate/core'
import { z } from '@hono/zod-openapi'

const Latitude = z.number().min(-90).max(90)
const Longitude = z.number().min(-180).max(180)

export const PartyInput = z.strictObject({
  name: z.string().trim().min(1).max(200),
  phone: z
    .string()
    .regex(/^\+?[0-9 ()-]{6,20}$/, 'must be a phone number')
    .nullish(),
  email: z.email({ error: 'must be an email address' }).max(254).nullish(),
  address: z.string().trim().min(1).max(500),
  lat: Latitude,
  lng: Longitude,
})

export const NewShipmentBody = z
  .strictObject({
    reference: z.string().trim().min(1).max(100).optional(),
    sender: PartyInput,
    receiver: PartyInput,
    package: z
      .strictObject({
        weightKg: z.number().positive().max(1000).optional(),
        description: z.string().trim().max(500).optional(),
        details: z
          .record(z.string().max(50), z.union([z.string().max(200), z.number(), z.boolean()]))
          .refine((details) => Object.keys(details).length <= 20, 'at most 20 entries')
          .optional(),
      })
      .optional(),
    customerId: z
      .uuid()
      .optional()
      .openapi({ description: 'Staff only; customers create for themselves' }),
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
    id: z.uuid(),
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
    customerId: z.uuid().nullable(),
    driverId: z.uuid().nullable(),
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

export const Reason = z.string().trim().min(1).max(500)
