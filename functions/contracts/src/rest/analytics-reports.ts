// Apart from the schemas: the web app reads these names without bundling zod.

/** The reports of `GET /api/analytics/{report}`, each a table the page charts and exports. */
export const ANALYTICS_REPORTS = ['summary', 'failures', 'drivers', 'volume'] as const
export type AnalyticsReport = (typeof ANALYTICS_REPORTS)[number]

/** The longest range one report covers: a year, and a day for a leap year's. */
export const MAX_ANALYTICS_DAYS = 366
