import {
  clientAddress,
  createRateLimit,
  json,
  problems,
  PUBLIC,
  TrackingNumberParam,
  type ApiDeps,
} from '@dropmate/kit'
import { TrackingView } from '@dropmate/contracts/rest/tracking'
import { estimateArrival, mayShowDriverPosition, normalizeTrackingNumber } from '@dropmate/core'
import { findTrackingRow } from '@dropmate/db'
import { createApiApp, logger, ProblemError } from '@dropmate/runtime'
import { createRoute } from '@hono/zod-openapi'
import { publicTrackingView } from '../public-tracking'

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

/** The page still answers without the map when the location store is out. */
function positionUnknown(error: unknown): undefined {
  logger.warn({ err: error }, 'location store unavailable, tracking without the position')
  return undefined
}

const unknown = () =>
  new ProblemError('tracking_number_not_found', 'No parcel has this tracking number.')

export function trackShipment(deps: ApiDeps) {
  const { store } = deps.locations
  const perClient = createRateLimit({
    name: 'track',
    points: deps.config.TRACKING_RATE_LIMIT_PER_MINUTE,
    durationSeconds: 60,
    redis: deps.redis,
  })
  return createApiApp().openapi(route, async (c) => {
    await perClient.consume(clientAddress(c, deps.config.TRUST_PROXY))
    const trackingNumber = normalizeTrackingNumber(c.req.valid('param').trackingNumber)
    if (!trackingNumber) throw unknown()
    // Unknown numbers are cached too, so a miss costs what a hit costs: no timing oracle.
    const view = await deps.trackingCache.read(trackingNumber, async () => {
      const row = await findTrackingRow(deps.sql, trackingNumber)
      if (!row) return null
      const { driverId, vehicleType, receiverLat, receiverLng } = row
      return {
        ...publicTrackingView(row),
        private: { driverId, vehicleType, receiverLat, receiverLng },
      }
    })
    if (!view) throw unknown()
    const { private: carrier, ...publicView } = view
    // The driver is shown, and the arrival estimated, only on the way to this door.
    const position =
      mayShowDriverPosition(view.status, 'public') && carrier.driverId
        ? await store.latest(carrier.driverId).catch(positionUnknown)
        : undefined
    c.header('cache-control', 'no-store')
    return c.json(
      {
        ...publicView,
        eta: position
          ? estimateArrival({
              from: position,
              to: { lat: carrier.receiverLat, lng: carrier.receiverLng },
              recentSpeedMps: position.recentSpeedMps,
              vehicleType: carrier.vehicleType,
              now: new Date(),
            })
          : null,
        driverPosition: position
          ? { lat: position.lat, lng: position.lng, recordedAt: position.recordedAt.toISOString() }
          : null,
      },
      200,
    )
  })
}
