import { defineFunction } from '@dropmate/runtime'
import { ingestLocations as app, route } from './app'

/** The ingest-locations function: its app and how it deploys (knative:generate writes its YAML from this). */
export const ingestLocations = defineFunction({
  name: 'ingest-locations',
  routes: [route],
  app,
  scaling: {
    maxScale: 20,
    metric: 'rps',
    target: 1000,
    containerConcurrency: 200,
    why:
      'Every driver on duty pings every few seconds: many tiny requests, each 0.4-0.45 ms of ' +
      'CPU (npm run bench), so a pod is bound by its core, not by what it waits on. It scales ' +
      'on pings a second: at the default 70 % utilisation a pod takes about 700 a second, a ' +
      'third of its core, and answers without a queue. Counted by requests at once, a ping ' +
      "waiting on the history's group commit would look like load, and a pod would only be " +
      'added once its event loop had fallen behind.',
  },
})
