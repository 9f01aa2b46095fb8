import { defineFunction } from '@dropmate/runtime'
import { labelRoute, printLabels as app, sheetRoute } from './app'

/** The print-labels function: its app and how it deploys (knative:generate writes its YAML from this). */
export const printLabels = defineFunction({
  name: 'print-labels',
  routes: [labelRoute, sheetRoute],
  app,
})
