import { WELL_FORMED_TEXT } from '@dropmate/kit'
import { EVENT_TYPES } from '@dropmate/contracts/event-types'
import { PingData } from '@dropmate/contracts/ping'
import type { RouteConfig } from '@hono/zod-openapi'
import { z } from 'zod'

type RequestBody = NonNullable<NonNullable<RouteConfig['request']>['body']>

// For the document only, as plain JSON Schema: the handler reads the body itself in any of
// the three content modes, and a zod schema here would put a JSON validator in front of it.
// OpenAPI 3.1 schemas are JSON Schema 2020-12, the dialect toJSONSchema writes.
const { $schema: _, ...data } = z.toJSONSchema(PingData)

/** One ping as a structured-mode CloudEvent (the JSON event format). */
const PingEvent = {
  type: 'object',
  required: ['specversion', 'id', 'source', 'type', 'subject', 'time', 'data'],
  properties: {
    specversion: { const: '1.0' },
    id: {
      type: 'string',
      minLength: 1,
      pattern: WELL_FORMED_TEXT,
      description: 'Unique per ping: retries reuse it',
    },
    source: { type: 'string', format: 'uri-reference', minLength: 1, pattern: WELL_FORMED_TEXT },
    type: { const: EVENT_TYPES.driverLocation },
    subject: { type: 'string', format: 'uuid', description: "The driver's id: your own" },
    time: {
      type: 'string',
      format: 'date-time',
      description: 'When the device took the fix; within the history kept, not in the future',
    },
    datacontenttype: { type: 'string', minLength: 1, pattern: WELL_FORMED_TEXT },
    data,
  },
  // Extension attributes (traceparent, …), named and typed as CloudEvents 1.0 §3.1.1 says.
  propertyNames: { pattern: '^[a-z0-9]+$' },
  additionalProperties: { type: ['string', 'boolean', 'null'], pattern: WELL_FORMED_TEXT },
}

/**
 * The request body of POST /api/locations in structured and batch mode. Cast: the route's
 * types take zod schemas or their own schema objects, not JSON Schema literals; what the
 * document makes of it is checked by npm run lint:openapi.
 */
export const pingBody = (maxBatch: number) =>
  ({
    required: true,
    description:
      'Binary mode sends the same attributes as `ce-*` headers and `data` as an ' +
      '`application/json` body (CloudEvents HTTP binding §3.1).',
    content: {
      'application/cloudevents+json': { schema: PingEvent },
      'application/cloudevents-batch+json': {
        schema: { type: 'array', items: PingEvent, minItems: 1, maxItems: maxBatch },
      },
    },
  }) as RequestBody
