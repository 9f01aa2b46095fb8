import { defineFunction } from '@dropmate/runtime'
import { route } from './app'

/** The ingest-locations Knative Service (knative/base/services/ingest-locations.yaml is generated from this). */
export const deployment = defineFunction({
  name: 'ingest-locations',
  routes: [route],
  scaling: {
    maxScale: 20,
    target: 100,
    containerConcurrency: 200,
    why:
      'Every driver on duty pings every few seconds: many tiny requests that write to Redis ' +
      'and batch their history, so one pod carries more of them than of other requests.',
  },
})
