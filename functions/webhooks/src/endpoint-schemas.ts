import { WebhookEventType } from '@dropmate/contracts/rest/webhooks'
import { text } from '@dropmate/kit'
import { z } from '@hono/zod-openapi'

const EventTypes = z
  .array(WebhookEventType)
  .min(1, 'must name at least one event type')
  .max(WebhookEventType.options.length)
  .refine((types) => new Set(types).size === types.length, 'must not repeat an event type')
  .openapi({ uniqueItems: true })

/** What registering an endpoint takes. */
export const NewEndpoint = z.strictObject({
  url: text({ max: 2_000 }).openapi({ description: 'https (http when WEBHOOKS_ALLOW_HTTP)' }),
  eventTypes: EventTypes,
  description: text({ max: 500, blank: true }).optional(),
  enabled: z.boolean().optional(),
})

/** What an edit may change; the secret changes only by rotation. */
export const EndpointPatch = z
  .strictObject({
    url: NewEndpoint.shape.url.optional(),
    eventTypes: EventTypes.optional(),
    description: NewEndpoint.shape.description,
    enabled: z.boolean().optional(),
  })
  .refine((patch) => Object.keys(patch).length > 0, { error: 'must change at least one field' })
  .openapi({ minProperties: 1 })
