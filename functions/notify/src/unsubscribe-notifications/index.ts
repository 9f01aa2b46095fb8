import { defineFunction } from '@dropmate/runtime'
import { confirmRoute, route, unsubscribeNotifications as app } from './app'

/** The unsubscribe-notifications function: its app and how it deploys (knative:generate writes its YAML from this). */
export const unsubscribeNotifications = defineFunction({
  name: 'unsubscribe-notifications',
  routes: [route, confirmRoute],
  app,
  scaling: { maxScale: 3 },
})
