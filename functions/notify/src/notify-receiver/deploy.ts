import { defineFunction } from '@dropmate/runtime'
import { route } from './app'

/**
 * The notify-receiver Knative Service (knative/base/services/notify-receiver.yaml is generated
 * from this): only the broker's dispatcher posts to it, with the broker token.
 */
export const deployment = defineFunction({
  name: 'notify-receiver',
  routes: [route],
  exposure: 'cluster-local',
  scaling: {
    maxScale: 5,
    why:
      'Each event waits on SendGrid for a few hundred milliseconds, and a day of deliveries ' +
      'is a few emails a minute: a handful of pods keep up and stay inside the pool limit.',
  },
})
