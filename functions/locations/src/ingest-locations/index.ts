import { defineFunction } from '@dropmate/runtime'
import { ingestLocations as app, route } from './app'

/** The ingest-locations function: its app and how it deploys (knative:generate writes its YAML from this). */
export const ingestLocations = defineFunction({
  name: 'ingest-locations',
  routes: [route],
  app,
  scaling: {
    maxScale: 20,
    target: 100,
    containerConcurrency: 200,
    why:
      'Every driver on duty pings every few seconds: many tiny requests that write to Redis ' +
      'and batch their history, so one pod carries more of them than of other requests.',
  },
})
