import { BEARER, problems, requireAuth, type ApiDeps, type ApiEnv } from '@dropmate/kit'
import { listShipments } from '@dropmate/db'
import { createApiApp } from '@dropmate/runtime'
import { createRoute, z } from '@hono/zod-openapi'
import { stringify } from 'csv-stringify/sync'
import { stream } from 'hono/streaming'
import { ListQuery, scopeOf } from '../list-shipments/app'
import { EXPORT_COLUMNS, exportRow, neutralised } from './csv-cells'

// Read a page at a time while the rows go out: a long list never sits in memory whole.
const PAGE = 500

const ExportQuery = ListQuery.pick({ status: true, driverId: true, customerId: true, q: true })

export const route = createRoute({
  method: 'get',
  path: '/api/shipments.csv',
  operationId: 'exportShipments',
  summary: 'The shipment list, filtered as GET /api/shipments filters it, as a CSV download',
  // Beside /api/shipments rather than under it: /api/shipments/{id} owns that level.
  description:
    'UTF-8 with a BOM, newest first. A text cell starting with =, +, -, @, a tab or a carriage ' +
    'return starts with an apostrophe, so a spreadsheet shows it rather than runs it (OWASP).',
  security: BEARER,
  request: { query: ExportQuery },
  responses: {
    200: { description: 'The shipments', content: { 'text/csv': { schema: z.string() } } },
    ...problems(400, 401, 403),
  },
})

export function exportShipmentsApp(deps: ApiDeps) {
  return createApiApp<ApiEnv>().openapi(
    { ...route, middleware: [requireAuth(deps.auth, ['admin', 'dispatcher'])] },
    (c) => {
      const query = c.req.valid('query')
      const scope = scopeOf(c.var.actor)
      const day = new Date().toISOString().slice(0, 10)
      c.header('content-type', 'text/csv; charset=utf-8')
      c.header('content-disposition', `attachment; filename="shipments-${day}.csv"`)
      return stream(c, async (out) => {
        const csv = (records: unknown[][], bom = false) =>
          stringify(records, { bom, record_delimiter: 'windows', cast: { string: neutralised } })
        await out.write(csv([[...EXPORT_COLUMNS]], true))
        let afterId: string | undefined
        for (;;) {
          const page = await listShipments(deps.sql, scope, {
            statuses: query.status,
            driverId: query.driverId,
            customerId: query.customerId,
            search: query.q,
            afterId,
            limit: PAGE,
          })
          if (page.length > 0) await out.write(csv(page.map(exportRow)))
          if (page.length < PAGE) break
          afterId = page.at(-1)!.id
        }
      }) as never
    },
  )
}
