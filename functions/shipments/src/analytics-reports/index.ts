import { defineFunction } from '@dropmate/runtime'
import { analyticsReportsApp as app, routes } from './app'

/** The analytics-reports function: the operation's reports, as JSON and as CSV downloads. */
export const analyticsReports = defineFunction({ name: 'analytics-reports', routes, app })
