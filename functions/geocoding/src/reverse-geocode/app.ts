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
import { createApiApp } from '@dropmate/runtime'
import { createRoute, z } from '@hono/zod-openapi'
import { lookupsPerAccount } from '../lookups-per-account'
import { GEOCODING_ROLES, PlaceAtPointSchema } from '../schemas'

const PointQuery = z.strictObject({
  lat: queryNumber(Latitude).openapi({ description: 'Latitude, WGS84 degrees' }),
  lng: queryNumber(Longitude).openapi({ description: 'Longitude, WGS84 degrees' }),
})

export const route = createRoute({
  method: 'get',
  path: '/api/geocode/reverse',
  operationId: 'reverseGeocode',
  summary: 'The address at a point on the map (a click that sets a pickup or drop-off)',
  security: BEARER,
  request: { query: PointQuery },
  responses: {
    200: json(PlaceAtPointSchema, 'The address there, or null where there is none'),
    ...problems(400, 401, 403, 429, 503),
  },
})

export function reverseGeocode(deps: ApiDeps) {
  const perAccount = lookupsPerAccount(deps, 'reverse')
  return createApiApp<ApiEnv>().openapi(
    { ...route, middleware: [requireAuth(deps.auth, [...GEOCODING_ROLES])] },
    async (c) => {
      await perAccount.consume(c.var.actor.userId)
      const point = c.req.valid('query')
      const place = await deps.geocoder.reverse(point, { known: c.var.actor.role !== 'customer' })
      return c.json({ place }, 200)
    },
  )
}
