import {
  BEARER,
  json,
  MAX_SUGGESTIONS,
  problems,
  queryNumber,
  requireAuth,
  text,
  type ApiDeps,
  type ApiEnv,
} from '@dropmate/kit'
import { createApiApp } from '@dropmate/runtime'
import { createRoute, z } from '@hono/zod-openapi'
import { lookupsPerAccount } from '../lookups-per-account'
import { GEOCODING_ROLES, PlaceSuggestionsSchema } from '../schemas'

const SearchQuery = z.strictObject({
  q: text({ max: 200 }).openapi({ description: 'What was typed of the address' }),
  limit: queryNumber(z.number().int().min(1).max(MAX_SUGGESTIONS))
    .optional()
    .openapi({ description: `How many suggestions, 1 to ${MAX_SUGGESTIONS} (5 unless given)` }),
})

export const route = createRoute({
  method: 'get',
  path: '/api/geocode/search',
  operationId: 'searchAddresses',
  summary: 'Address suggestions for what was typed (staff also get the shop’s known places)',
  security: BEARER,
  request: { query: SearchQuery },
  responses: {
    200: json(PlaceSuggestionsSchema, 'Places matching the query, best first'),
    ...problems(400, 401, 403, 429, 503),
  },
})

export function searchAddresses(deps: ApiDeps) {
  const perAccount = lookupsPerAccount(deps, 'search')
  return createApiApp<ApiEnv>().openapi(
    { ...route, middleware: [requireAuth(deps.auth, [...GEOCODING_ROLES])] },
    async (c) => {
      await perAccount.consume(c.var.actor.userId)
      const { q, limit = 5 } = c.req.valid('query')
      // The known places are the shop's customers' addresses: its own staff's to see.
      const known = c.var.actor.role !== 'customer'
      const items = await deps.geocoder.search(q, { limit, known })
      return c.json({ items }, 200)
    },
  )
}
