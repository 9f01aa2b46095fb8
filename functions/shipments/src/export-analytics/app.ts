import { ANALYTICS_REPORTS, type AnalyticsReport } from '@dropmate/contracts/rest/analytics'
import { BEARER, problems, requireAuth, type ApiDeps, type ApiEnv } from '@dropmate/kit'
import { createApiApp } from '@dropmate/runtime'
import { createRoute, z } from '@hono/zod-openapi'
import { stringify } from 'csv-stringify/sync'
import { ANALYSTS, AnalyticsQuery, readReport } from '../analytics/read-report'
import { REPORTS, titleCase } from '../analytics/reports'
import { neutralised } from '../export-shipments/csv-cells'

function exportRoute(report: AnalyticsReport) {
  return createRoute({
    method: 'get',
    path: `/api/analytics/${report}.csv`,
    operationId: `exportAnalytics${titleCase(report)}`,
    summary: `${REPORTS[report].summary}, as a CSV download`,
    description:
      'UTF-8 with a BOM; the columns are the JSON report’s row fields. A text cell starting ' +
      'with =, +, -, @, a tab or a carriage return starts with an apostrophe, so a ' +
      'spreadsheet shows it rather than runs it (OWASP).',
    security: BEARER,
    request: { query: AnalyticsQuery },
    responses: {
      200: { description: 'The report’s rows', content: { 'text/csv': { schema: z.string() } } },
      ...problems(400, 401, 403, 404),
    },
  })
}

export const routes = ANALYTICS_REPORTS.map(exportRoute)

/** Every report as a CSV download, at `/api/analytics/{report}.csv`. */
export function exportAnalyticsApp(deps: ApiDeps) {
  const app = createApiApp<ApiEnv>()
  const guard = requireAuth(deps.auth, ANALYSTS)
  for (const report of ANALYTICS_REPORTS) {
    app.openapi({ ...exportRoute(report), middleware: [guard] }, async (c) => {
      const query = c.req.valid('query')
      const rows = await readReport(deps, report, query)
      const { columns } = REPORTS[report]
      const cells = rows.map((row) => columns.map((column) => row[column as keyof typeof row]))
      const csv = stringify([columns, ...cells], {
        bom: true,
        record_delimiter: 'windows',
        cast: { string: neutralised },
      })
      return c.body(csv, 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${report}-${query.from}-to-${query.to}.csv"`,
      })
    })
  }
  return app
}
