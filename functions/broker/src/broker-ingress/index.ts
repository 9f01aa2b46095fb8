import { defineFunction } from '@dropmate/runtime'
import { brokerIngressService as app } from './app'

/**
 * The broker-ingress function: its app and how it deploys (knative:generate writes its YAML
 * from this): senders inside the cluster POST CloudEvents with the broker token.
 */
export const brokerIngress = defineFunction({
  name: 'broker-ingress',
  routes: [{ method: 'post', path: '/broker/events' }],
  app,
  exposure: 'cluster-local',
  scaling: { target: 100, containerConcurrency: 200 },
})
