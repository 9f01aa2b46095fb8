import { defineFunction } from '@dropmate/runtime'
import { exportAnalyticsApp as app, routes } from './app'

/** The export-analytics function: each operations report as a CSV download. */
export const exportAnalytics = defineFunction({ name: 'export-analytics', routes, app })
