import {
  clientAddress,
  createRateLimit,
  json,
  problems,
  PUBLIC,
  TrackingNumberParam,
  type ApiDeps,
} from '@dropmate/kit'
import { normalizeTrackingNumber } from '@dropmate/core'
import { optOutOfNotifications } from '@dropmate/db'
import { createApiApp, ProblemError } from '@dropmate/runtime'
import { createRoute, z } from '@hono/zod-openapi'

export const route = createRoute({
  method: 'post',
  path: '/api/shipments/track/{trackingNumber}/unsubscribe',
  operationId: 'unsubscribeNotifications',
  summary: 'Public: stop the emails and texts about one parcel (no sign-in)',
  description:
    "The link in every email and text, and the emails' RFC 8058 one-click List-Unsubscribe " +
    'target. Knowing the tracking number is enough, as for tracking; the worst a guesser can ' +
    "do is silence a parcel's messages. Repeating it changes nothing.",
  security: PUBLIC,
  request: { params: TrackingNumberParam },
  responses: {
    200: json(z.object({ unsubscribed: z.literal(true) }), 'No more messages about this parcel'),
    ...problems(400, 404, 429),
  },
})

/**
 * The page the links open: a GET must not unsubscribe, as mail scanners and messaging apps'
 * link previews follow links.
 */
export const confirmRoute = createRoute({
  method: 'get',
  path: route.path,
  operationId: 'unsubscribeNotificationsPage',
  summary: 'Public: the page that asks before stopping the messages (no sign-in)',
  description: 'An HTML page whose button POSTs to the same address; opening it changes nothing.',
  security: PUBLIC,
  request: { params: TrackingNumberParam },
  responses: {
    200: { description: 'The page', content: { 'text/html': { schema: z.string() } } },
    ...problems(400),
  },
})

const unknown = () =>
  new ProblemError('tracking_number_not_found', 'No parcel has this tracking number.')

export function unsubscribeNotifications(deps: ApiDeps) {
  // Shares the tracking lookups' budget: one client, one minute, either endpoint.
  const perClient = createRateLimit({
    name: 'track',
    points: deps.config.TRACKING_RATE_LIMIT_PER_MINUTE,
    durationSeconds: 60,
    redis: deps.redis,
  })
  return createApiApp()
    .openapi(route, async (c) => {
      await perClient.consume(clientAddress(c, deps.config.TRUST_PROXY))
      const trackingNumber = normalizeTrackingNumber(c.req.valid('param').trackingNumber)
      if (!trackingNumber || !(await optOutOfNotifications(deps.sql, trackingNumber))) {
        throw unknown()
      }
      return c.json({ unsubscribed: true as const }, 200)
    })
    .openapi(confirmRoute, (c) =>
      c.html(
        page(
          'Stop the emails and texts about this parcel?' +
            '<form method="post"><button type="submit">Stop messages</button></form>',
        ),
        200,
      ),
    )
}

function page(body: string): string {
  return (
    '<!doctype html><html><head><meta charset="utf-8"><title>DropMate</title></head>' +
    `<body style="font-family:sans-serif"><p>${body}</p></body></html>`
  )
}
