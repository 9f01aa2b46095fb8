import { defineFunction } from '@dropmate/runtime'
import { notifyReceiver as app, route } from './app'

/**
 * The notify-receiver function: its app and how it deploys (knative:generate writes its YAML
 * from this): only the broker's dispatcher posts to it, with the broker token.
 */
export const notifyReceiver = defineFunction({
  name: 'notify-receiver',
  routes: [route],
  app,
  exposure: 'cluster-local',
  scaling: {
    maxScale: 5,
    why:
      'Each event waits on SendGrid for a few hundred milliseconds, and a day of deliveries ' +
      'is a few emails a minute: a handful of pods keep up and stay inside the pool limit.',
  },
})
