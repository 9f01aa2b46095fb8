import { defineFunction } from '@dropmate/runtime'
import { webhooksReceiver as app, route } from './app'

/**
 * The webhooks-receiver function: only the broker's dispatcher posts to it, with the broker
 * token, and it calls out to the integrators' endpoints.
 */
export const webhooksReceiver = defineFunction({
  name: 'webhooks-receiver',
  routes: [route],
  app,
  exposure: 'cluster-local',
  scaling: {
    maxScale: 5,
    why:
      'Each event waits on the integrators’ endpoints (up to 10 s each, all at once), and ' +
      'business events come a few a minute: a handful of pods keep up inside the pool limit.',
  },
})
