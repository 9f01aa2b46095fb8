import {
  analyticsAnswer,
  ANALYTICS_REPORTS,
  type AnalyticsReport,
} from '@dropmate/contracts/rest/analytics'
import { BEARER, json, problems, requireAuth, type ApiDeps, type ApiEnv } from '@dropmate/kit'
import { createApiApp } from '@dropmate/runtime'
import { createRoute } from '@hono/zod-openapi'
import { ANALYSTS, AnalyticsQuery, readReport } from '../analytics/read-report'
import { REPORTS, titleCase } from '../analytics/reports'

function reportRoute(report: AnalyticsReport) {
  return createRoute({
    method: 'get',
    path: `/api/analytics/${report}`,
    operationId: `analyticsReports${titleCase(report)}`,
    summary: REPORTS[report].summary,
    security: BEARER,
    request: { query: AnalyticsQuery },
    responses: {
      200: json(analyticsAnswer(REPORTS[report].row), 'The report’s rows'),
      ...problems(400, 401, 403, 404),
    },
  })
}

export const routes = ANALYTICS_REPORTS.map(reportRoute)

/** Every report as JSON, at `/api/analytics/{report}`. */
export function analyticsReportsApp(deps: ApiDeps) {
  const app = createApiApp<ApiEnv>()
  const guard = requireAuth(deps.auth, ANALYSTS)
  for (const report of ANALYTICS_REPORTS) {
    app.openapi({ ...reportRoute(report), middleware: [guard] }, async (c) => {
      const query = c.req.valid('query')
      const rows = await readReport(deps, report, query)
      const timeZone = deps.config.SHOP_TIME_ZONE
      return c.json({ ...query, timeZone, driverId: query.driverId ?? null, rows }, 200)
    })
  }
  return app
}
