import { windowFault } from '@dropmate/core'
import { Id, Latitude, Longitude, Timestamp } from '@dropmate/contracts/fields'
import { Shipment, TimelineEvent, type NewShipment } from '@dropmate/contracts/rest/shipments'
import { Email, Phone, text, textSchema } from '@dropmate/kit'
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

/** A delivery slot as a request gives it: instants with an offset, a sane length apart. */
export const DeliveryWindowInput = z
  .strictObject({
    from: Timestamp.openapi({ example: '2026-07-14T14:00:00+01:00' }),
    to: Timestamp.openapi({ example: '2026-07-14T16:00:00+01:00' }),
  })
  .superRefine((window, context) => {
    const fault = windowFault(window)
    if (fault) context.addIssue({ code: 'custom', path: ['to'], message: fault })
  })
  .openapi('DeliveryWindowInput', {
    description: 'The slot promised to the receiver: 15 minutes to 24 hours, `to` after `from`',
  })

/** Free text for the driver: a door code, where to leave it. */
export const Notes = text({ max: 1000, blank: true })

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
    notes: Notes.nullish(),
    deliveryWindow: DeliveryWindowInput.nullish(),
  })
  .openapi('NewShipment') satisfies z.ZodType<unknown, NewShipment>

export const ShipmentSchema = Shipment.meta({ id: 'Shipment' })

export const TimelineEventSchema = TimelineEvent.meta({ id: 'TimelineEvent' })

export const Reason = text({ max: 500 })
