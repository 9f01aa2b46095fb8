import { EVENT_TYPES } from './event-types'

/**
 * The business events an integrator may subscribe a webhook to: what a Trigger in
 * knative/triggers/webhooks.yaml brings to the webhooks receiver (a test holds them equal).
 * Driver positions come every few seconds per driver and take no Trigger; alerts are for
 * the operator.
 */
export const WEBHOOK_EVENT_TYPES = [
  EVENT_TYPES.shipmentCreated,
  EVENT_TYPES.shipmentAssigned,
  EVENT_TYPES.shipmentStatusChanged,
  EVENT_TYPES.shipmentArriving,
  EVENT_TYPES.shipmentEdited,
  EVENT_TYPES.shipmentAtRisk,
  EVENT_TYPES.driverStatusChanged,
] as const

/** One of them; the REST schemas check it with zod, the settings page lists them. */
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number]
