import { ROLES, SHIPMENT_STATUSES } from '@dropmate/core/status-machine'
import { z } from 'zod'
import { Id } from '../fields'

/** A sender or receiver, as the API shows them. */
export const Party = z.object({
  name: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  address: z.string(),
  lat: z.number(),
  lng: z.number(),
})
export type Party = z.infer<typeof Party>

/** A delivery slot promised to the receiver: ISO 8601 instants, `to` after `from`. */
export const DeliveryWindow = z.object({ from: z.string(), to: z.string() })
export type DeliveryWindow = z.infer<typeof DeliveryWindow>

/** A shipment as the API answers it (to those allowed to see all of it). */
export const Shipment = z.object({
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
  notes: z.string().nullable(),
  deliveryWindow: DeliveryWindow.nullable(),
  /** When its arrival window first ran past the slot's end. */
  atRiskAt: z.string().nullable(),
})
export type Shipment = z.infer<typeof Shipment>

/** How many shipments are in each status, of those a list matches. */
export const StatusCounts = z.record(z.enum(SHIPMENT_STATUSES), z.number().int())
export type StatusCounts = Partial<z.infer<typeof StatusCounts>>

/** One page of `GET /api/shipments`. */
export const ShipmentPage = z.object({
  items: z.array(Shipment),
  nextCursor: z.string().nullable(),
  counts: StatusCounts.optional(),
})
export type ShipmentPage = z.infer<typeof ShipmentPage>

/** One entry of a shipment's timeline (`GET /api/shipments/:id/events`). */
export const TimelineEvent = z.object({
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
export type TimelineEvent = z.infer<typeof TimelineEvent>

/** A sender or receiver as `POST /api/shipments` takes them; its route holds the text rules. */
export interface NewParty {
  name: string
  phone?: string | null
  email?: string | null
  address: string
  lat: number
  lng: number
}

/**
 * The body of `POST /api/shipments`. The route's schema (with its limits and text rules, which
 * need the API kit) is checked against this type, so the two cannot drift apart.
 */
export interface NewShipment {
  reference?: string
  sender: NewParty
  receiver: NewParty
  package?: {
    weightKg?: number
    description?: string
    details?: Record<string, string | number | boolean>
  }
  /** Staff only; customers create for themselves. */
  customerId?: string
  notes?: string | null
  deliveryWindow?: DeliveryWindow | null
}
