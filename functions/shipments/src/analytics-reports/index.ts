import { defineFunction } from '@dropmate/runtime'
import { analyticsReportsApp as app, routes } from './app'

/** The analytics-reports function: the operations reports the analytics page draws. */
export const analyticsReports = defineFunction({ name: 'analytics-reports', routes, app })
