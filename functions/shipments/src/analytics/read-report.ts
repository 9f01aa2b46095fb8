import {
  MAX_ANALYTICS_DAYS,
  type AnalyticsAnswers,
  type AnalyticsReport,
} from '@dropmate/contracts/rest/analytics'
import { findDriverById } from '@dropmate/db'
import type { ApiDeps } from '@dropmate/kit'
import { ProblemError } from '@dropmate/runtime'
import { z } from '@hono/zod-openapi'
import { REPORTS } from './reports'
import { daysBetween, shopDays } from './shop-days'

/** Who reads the reports: the shop's staff. */
export const ANALYSTS = ['admin', 'dispatcher'] as const

/** What every report is asked: whole days on the shop's clock, one driver or all. */
export const AnalyticsQuery = z
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
export type AnalyticsQuery = z.infer<typeof AnalyticsQuery>

/** The rows of `report` for `query`; a 404 for a driver filter naming no driver. */
export async function readReport<R extends AnalyticsReport>(
  deps: ApiDeps,
  report: R,
  query: AnalyticsQuery,
): Promise<AnalyticsAnswers[R][]> {
  if (query.driverId && !(await findDriverById(deps.sql, query.driverId))) {
    throw new ProblemError('driver_not_found', 'No driver has this id.')
  }
  const timeZone = deps.config.SHOP_TIME_ZONE
  const range = shopDays(query.from, query.to, timeZone)
  if (!range) {
    throw new ProblemError('invalid_request', 'The range is not one of calendar days.', {
      errors: [{ field: 'query.from', message: 'must be a day of the years 1900 to 9998' }],
    })
  }
  const definition = REPORTS[report] as (typeof REPORTS)[R]
  return definition.read(deps.sql, { ...range, driverId: query.driverId }, timeZone)
}
