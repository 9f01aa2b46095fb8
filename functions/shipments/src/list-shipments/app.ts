import {
  BEARER,
  json,
  problems,
  queryNumber,
  requireAuth,
  text,
  type ApiDeps,
  type ApiEnv,
  type Principal,
} from '@dropmate/kit'
import { SHIPMENT_STATUSES, type ShipmentStatus } from '@dropmate/core'
import { countShipmentsByStatus, listShipments, type ListingScope } from '@dropmate/db'
import { ShipmentPage } from '@dropmate/contracts/rest/shipments'
import { createApiApp } from '@dropmate/runtime'
import { createRoute, z } from '@hono/zod-openapi'
import { ShipmentSchema } from '../schemas'
import { shipmentView } from '../shipment-view'

// One status or several, comma-separated (`assigned,in_transit`), at most as many as exist.
const STATUS = `(?:${SHIPMENT_STATUSES.join('|')})`
const STATUS_LIST = new RegExp(`^${STATUS}(?:,${STATUS}){0,${SHIPMENT_STATUSES.length - 1}}$`)

export const ListQuery = z.object({
  status: z
    .string()
    .regex(STATUS_LIST, 'must be statuses separated by commas')
    .transform((list) => list.split(',') as ShipmentStatus[])
    .optional()
    .openapi({ description: 'Comma-separated statuses', example: 'assigned,in_transit' }),
  driverId: z.uuid().optional(),
  customerId: z.uuid().optional(),
  q: text({ max: 100 }).optional().openapi({
    description: 'A fragment of a tracking number or receiver name',
  }),
  limit: queryNumber(z.number().int().min(1).max(100)).default(25),
  cursor: z.uuid({ error: 'must be a cursor from a previous page' }).optional(),
  counts: z
    .enum(['true', 'false'])
    .optional()
    .openapi({ description: 'Include counts per status' }),
})

const ShipmentPageSchema = ShipmentPage.extend({ items: z.array(ShipmentSchema) }).openapi(
  'ShipmentPage',
)

export const route = createRoute({
  method: 'get',
  path: '/api/shipments',
  operationId: 'listShipments',
  summary: 'Shipments the caller may see, newest first, a page at a time',
  security: BEARER,
  request: { query: ListQuery },
  responses: { 200: json(ShipmentPageSchema, 'A page'), ...problems(400, 401) },
})

export function scopeOf(actor: Principal): ListingScope {
  switch (actor.role) {
    case 'admin':
    case 'dispatcher':
      return { kind: 'everything' }
    case 'driver':
      return { kind: 'driver', driverId: actor.driverId ?? '00000000-0000-0000-0000-000000000000' }
    case 'customer':
      return { kind: 'customer', customerId: actor.userId }
  }
}

export function listShipmentsApp(deps: ApiDeps) {
  return createApiApp<ApiEnv>().openapi(
    { ...route, middleware: [requireAuth(deps.auth)] },
    async (c) => {
      const query = c.req.valid('query')
      const actor = c.var.actor
      const scope = scopeOf(actor)
      const page = await listShipments(deps.sql, scope, {
        statuses: query.status,
        driverId: query.driverId,
        customerId: query.customerId,
        search: query.q,
        afterId: query.cursor,
        // one more than asked, to know whether another page follows
        limit: query.limit + 1,
      })
      const items = page.slice(0, query.limit)
      const nextCursor = page.length > query.limit ? items.at(-1)!.id : null
      const counts =
        query.counts === 'true' ? await countShipmentsByStatus(deps.sql, scope) : undefined
      return c.json({ items: items.map((s) => shipmentView(s, actor)), nextCursor, counts }, 200)
    },
  )
}
