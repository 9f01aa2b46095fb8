import {
  answerJsonText,
  clientAddress,
  json,
  problems,
  PUBLIC,
  TrackingNumberParam,
  type ApiDeps,
} from '@dropmate/kit'
import { TrackingView } from '@dropmate/contracts/rest/tracking'
import { normalizeTrackingNumber } from '@dropmate/core'
import { createApiApp, ProblemError, sendAlso } from '@dropmate/runtime'
import { createRoute } from '@hono/zod-openapi'
import { trackingPages } from '../tracking-page'

const TrackingViewSchema = TrackingView.meta({ id: 'TrackingView' })

export const route = createRoute({
  method: 'get',
  path: '/api/shipments/track/{trackingNumber}',
  operationId: 'trackShipment',
  summary: 'Public, redacted tracking view (no sign-in)',
  security: PUBLIC,
  request: {
    params: TrackingNumberParam,
  },
  responses: { 200: json(TrackingViewSchema, 'Where the parcel is'), ...problems(400, 404, 429) },
})

const unknown = () =>
  new ProblemError('tracking_number_not_found', 'No parcel has this tracking number.')

export function trackShipment(deps: ApiDeps) {
  const trackingPage = trackingPages(deps)
  return createApiApp().openapi(route, async (c) => {
    await deps.trackingLimit.consume(clientAddress(c, deps.config.TRUST_PROXY))
    const trackingNumber = normalizeTrackingNumber(c.req.valid('param').trackingNumber)
    const page = trackingNumber ? await trackingPage(trackingNumber) : null
    if (!page) throw unknown()
    sendAlso(c, 'cache-control', 'no-store')
    return answerJsonText(c, page, 200)
  })
}
