import {
  BEARER,
  json,
  problems,
  queryNumber,
  requireAuth,
  type ApiDeps,
  type ApiEnv,
} from '@dropmate/kit'
import { Latitude, Longitude } from '@dropmate/contracts/fields'
import { NearbyDriver } from '@dropmate/contracts/rest/drivers'
import { findDriverCards } from '@dropmate/db'
import { createApiApp } from '@dropmate/runtime'
import { createRoute, z } from '@hono/zod-openapi'

const NearbyQuery = z.object({
  lat: queryNumber(Latitude),
  lng: queryNumber(Longitude),
  radius: queryNumber(z.number().positive().max(50_000))
    .default(5_000)
    .openapi({ description: 'metres' }),
  limit: queryNumber(z.number().int().min(1).max(50)).default(10),
})

const NearbyDrivers = z.object({ items: z.array(NearbyDriver) }).openapi('NearbyDrivers')

export const route = createRoute({
  method: 'get',
  path: '/api/drivers/nearby',
  operationId: 'nearbyDrivers',
  summary: 'Available drivers nearest a point, to suggest who should take a shipment',
  security: BEARER,
  request: { query: NearbyQuery },
  responses: { 200: json(NearbyDrivers, 'Nearest first'), ...problems(400, 401, 403) },
})

// Busy and offline drivers are filtered out after the spatial search, so ask for more.
const OVERFETCH = 4

export function nearbyDrivers(deps: ApiDeps) {
  const { store } = deps.locations
  return createApiApp<ApiEnv>().openapi(
    { ...route, middleware: [requireAuth(deps.auth, ['admin', 'dispatcher'])] },
    async (c) => {
      const { lat, lng, radius, limit } = c.req.valid('query')
      const near = await store.nearby({ lat, lng }, radius, limit * OVERFETCH)
      const cards = new Map(
        (
          await findDriverCards(
            deps.sql,
            near.map((fix) => fix.driverId),
          )
        ).map((card) => [card.id, card]),
      )
      const items = near
        .filter((fix) => cards.get(fix.driverId)?.dutyStatus === 'available')
        .slice(0, limit)
        .map((fix) => {
          const card = cards.get(fix.driverId)!
          return {
            driverId: fix.driverId,
            name: card.name,
            vehicleType: card.vehicleType,
            distanceM: Math.round(fix.distanceM),
            lat: fix.lat,
            lng: fix.lng,
            recordedAt: fix.recordedAt.toISOString(),
          }
        })
      return c.json({ items }, 200)
    },
  )
}
