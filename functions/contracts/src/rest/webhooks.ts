import { z } from 'zod'
import { Id } from '../fields'
import { WEBHOOK_EVENT_TYPES } from '../webhook-event-types'

export { WEBHOOK_EVENT_TYPES }

export const WebhookEventType = z.enum(WEBHOOK_EVENT_TYPES)
export type WebhookEventType = z.infer<typeof WebhookEventType>

/** A registered endpoint as the API shows it: never with its secret. */
export const WebhookEndpoint = z.object({
  id: Id,
  url: z.string(),
  description: z.string(),
  eventTypes: z.array(WebhookEventType),
  enabled: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
})
export type WebhookEndpoint = z.infer<typeof WebhookEndpoint>

/** What creating an endpoint, or rotating its secret, answers: the one time it is shown. */
export const WebhookEndpointWithSecret = WebhookEndpoint.extend({
  secret: z.string().meta({
    description:
      'The signing secret (Standard Webhooks: whsec_ and base64). Shown only now; keep it.',
  }),
})
export type WebhookEndpointWithSecret = z.infer<typeof WebhookEndpointWithSecret>

/** One attempt to deliver a message, as the delivery log shows it. */
export const WebhookAttempt = z.object({
  attempt: z.number().int(),
  replay: z.boolean(),
  at: z.string(),
  durationMs: z.number().int(),
  responseStatus: z.number().int().nullable(),
  responseExcerpt: z.string().nullable(),
  error: z.string().nullable(),
  succeeded: z.boolean(),
})
export type WebhookAttempt = z.infer<typeof WebhookAttempt>

/** One event sent to one endpoint: `id` is the `webhook-id` every attempt carries. */
export const WebhookDelivery = z.object({
  id: z.string(),
  eventId: z.string(),
  eventType: z.string(),
  createdAt: z.string(),
  status: z.enum(['pending', 'succeeded', 'failed']),
  attempts: z.array(WebhookAttempt),
})
export type WebhookDelivery = z.infer<typeof WebhookDelivery>
