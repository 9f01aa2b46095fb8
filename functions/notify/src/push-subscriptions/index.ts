import { defineFunction } from '@dropmate/runtime'
import { pushSubscriptions as app, route, unsubscribeRoute } from './app'

/** The push-subscriptions function: its app and how it deploys (knative:generate writes its YAML from this). */
export const pushSubscriptions = defineFunction({
  name: 'push-subscriptions',
  routes: [route, unsubscribeRoute],
  app,
  scaling: { maxScale: 3 },
})
