import { defineFunction } from '@dropmate/runtime'
import { confirmRoute, route } from './app'

/** The unsubscribe-notifications Knative Service (generated into knative/base/services/). */
export const deployment = defineFunction({
  name: 'unsubscribe-notifications',
  routes: [route, confirmRoute],
  scaling: { maxScale: 3 },
})
