import {
  DeliverySummaryRow,
  DriverProductivityRow,
  FailureReasonRow,
  VolumeRow,
  type AnalyticsAnswers,
  type AnalyticsReport,
} from '@dropmate/contracts/rest/analytics'
import {
  countFailureReasons,
  countVolumeByHour,
  measureDriverProductivity,
  summariseDeliveries,
  type AnalyticsScope,
  type Queryable,
} from '@dropmate/db'
import type { z } from '@hono/zod-openapi'

/** One report: what its rows are, how they are read, and the columns of its CSV. */
export interface ReportDefinition<R extends AnalyticsReport> {
  summary: string
  row: z.ZodType<AnalyticsAnswers[R]>
  read: (sql: Queryable, scope: AnalyticsScope, timeZone: string) => Promise<AnalyticsAnswers[R][]>
  columns: readonly (keyof AnalyticsAnswers[R] & string)[]
}

/** `failures` → `Failures`, for operation ids (`analyticsReportsFailures`). */
export const titleCase = (report: AnalyticsReport) => report[0]!.toUpperCase() + report.slice(1)

/** A share of a whole, or null when there is no whole to share. */
const rate = (part: number, whole: number) => (whole > 0 ? part / whole : null)

export const REPORTS: { [R in AnalyticsReport]: ReportDefinition<R> } = {
  summary: {
    summary: 'On-time rate, pickup-to-delivery times and first-attempt success of deliveries',
    row: DeliverySummaryRow,
    async read(sql, scope) {
      const summary = await summariseDeliveries(sql, scope)
      return [
        {
          ...summary,
          onTimeRate: rate(summary.onTime, summary.withWindow),
          firstAttemptRate: rate(summary.firstAttempt, summary.delivered),
        },
      ]
    },
    columns: [
      'delivered',
      'withWindow',
      'withoutWindow',
      'onTime',
      'early',
      'late',
      'onTimeRate',
      'timed',
      'averageMinutes',
      'p90Minutes',
      'firstAttempt',
      'firstAttemptRate',
    ],
  },
  failures: {
    summary: 'Failed delivery attempts by reason, the most frequent first',
    row: FailureReasonRow,
    async read(sql, scope) {
      const reasons = await countFailureReasons(sql, scope)
      const total = reasons.reduce((sum, r) => sum + r.failures, 0)
      return reasons.map((r) => ({ ...r, share: r.failures / total }))
    },
    columns: ['reason', 'failures', 'share'],
  },
  drivers: {
    summary: 'Deliveries per driver per hour on duty',
    row: DriverProductivityRow,
    async read(sql, scope) {
      const drivers = await measureDriverProductivity(sql, scope)
      return drivers.map((d) => ({ ...d, deliveriesPerHour: rate(d.deliveries, d.hoursOnDuty) }))
    },
    columns: ['driverId', 'driverName', 'deliveries', 'hoursOnDuty', 'deliveriesPerHour'],
  },
  volume: {
    summary: 'Delivered and failed attempts by weekday and hour on the shop’s clock',
    row: VolumeRow,
    read: countVolumeByHour,
    columns: ['weekday', 'hour', 'deliveries', 'failures'],
  },
}
