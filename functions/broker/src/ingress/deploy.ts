import { defineFunction } from '@dropmate/runtime'

/**
 * The broker-ingress Knative Service (knative/base/services/broker-ingress.yaml is generated
 * from this): senders inside the cluster POST CloudEvents with the broker token.
 */
export const deployment = defineFunction({
  name: 'broker-ingress',
  routes: [{ method: 'post', path: '/broker/events' }],
  exposure: 'cluster-local',
  scaling: { target: 100, containerConcurrency: 200 },
})
