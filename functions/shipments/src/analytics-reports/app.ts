import {
  analyticsAnswer,
  ANALYTICS_REPORTS,
  MAX_ANALYTICS_DAYS,
  type AnalyticsReport,
} from '@dropmate/contracts/rest/analytics'
import { findDriverById } from '@dropmate/db'
import { BEARER, json, problems, requireAuth, type ApiDeps, type ApiEnv } from '@dropmate/kit'
import { createApiApp, ProblemError } from '@dropmate/runtime'
import { createRoute, z } from '@hono/zod-openapi'
import { stringify } from 'csv-stringify/sync'
import { neutralised } from '../export-shipments/csv-cells'
import { REPORTS } from './reports'
import { daysBetween, shopDays } from './shop-days'

const ANALYSTS = ['admin', 'dispatcher'] as const

const AnalyticsQuery = z
  .strictObject({
    from: z.iso.date().openapi({ description: 'First day covered, on the shop’s clock' }),
    to: z.iso.date().openapi({ description: 'Last day covered (included), on the shop’s clock' }),
    driverId: z.uuid().optional().openapi({ description: 'Only this driver’s attempts' }),
  })
  .refine((q) => q.from <= q.to, { path: ['to'], message: 'must not be before from' })
  .refine((q) => q.from > q.to || daysBetween(q.from, q.to) <= MAX_ANALYTICS_DAYS, {
    path: ['to'],
    message: `at most ${MAX_ANALYTICS_DAYS} days after from`,
  })
type AnalyticsQuery = z.infer<typeof AnalyticsQuery>

function jsonRoute(report: AnalyticsReport) {
  return createRoute({
    method: 'get',
    path: `/api/analytics/${report}`,
    operationId: `analytics-${report}`,
    summary: REPORTS[report].summary,
    security: BEARER,
    request: { query: AnalyticsQuery },
    responses: {
      200: json(analyticsAnswer(REPORTS[report].row), 'The report’s rows'),
      ...problems(400, 401, 403, 404),
    },
  })
}

function csvRoute(report: AnalyticsReport) {
  return createRoute({
    method: 'get',
    path: `/api/analytics/${report}.csv`,
    operationId: `analytics-${report}-csv`,
    summary: `${REPORTS[report].summary}, as a CSV download`,
    description:
      'UTF-8 with a BOM. A text cell starting with =, +, -, @, a tab or a carriage return ' +
      'starts with an apostrophe, so a spreadsheet shows it rather than runs it (OWASP).',
    security: BEARER,
    request: { query: AnalyticsQuery },
    responses: {
      200: { description: 'The report’s rows', content: { 'text/csv': { schema: z.string() } } },
      ...problems(400, 401, 403, 404),
    },
  })
}

export const routes = ANALYTICS_REPORTS.flatMap((report) => [jsonRoute(report), csvRoute(report)])

/** Every report as JSON (`/api/analytics/{report}`) and as CSV (`…/{report}.csv`). */
export function analyticsReportsApp(deps: ApiDeps) {
  const timeZone = deps.config.SHOP_TIME_ZONE
  const read = async <R extends AnalyticsReport>(report: R, query: AnalyticsQuery) => {
    if (query.driverId && !(await findDriverById(deps.sql, query.driverId))) {
      throw new ProblemError('driver_not_found', 'No driver has this id.')
    }
    const range = shopDays(query.from, query.to, timeZone)
    if (!range) {
      throw new ProblemError('invalid_request', 'The range is not one of calendar days.', {
        errors: [{ field: 'query.from', message: 'must be a day of the years 1900 to 9998' }],
      })
    }
    return REPORTS[report].read(deps.sql, { ...range, driverId: query.driverId }, timeZone)
  }

  const app = createApiApp<ApiEnv>()
  const guard = requireAuth(deps.auth, ANALYSTS)
  for (const report of ANALYTICS_REPORTS) {
    app.openapi({ ...jsonRoute(report), middleware: [guard] }, async (c) => {
      const query = c.req.valid('query')
      const rows = await read(report, query)
      return c.json({ ...query, timeZone, driverId: query.driverId ?? null, rows }, 200)
    })
    app.openapi({ ...csvRoute(report), middleware: [guard] }, async (c) => {
      const query = c.req.valid('query')
      const rows = await read(report, query)
      const { columns } = REPORTS[report]
      const records = [columns, ...rows.map((row) => columns.map((column) => row[column as never]))]
      const name = `${report}-${query.from}-to-${query.to}.csv`
      return c.body(
        stringify(records, {
          bom: true,
          record_delimiter: 'windows',
          cast: { string: neutralised },
        }),
        200,
        {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': `attachment; filename="${name}"`,
        },
      )
    })
  }
  return app
}
