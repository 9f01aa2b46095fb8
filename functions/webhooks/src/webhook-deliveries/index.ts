import { defineFunction } from '@dropmate/runtime'
import { listRoute, replayRoute, webhookDeliveries as app } from './app'

/** The webhook-deliveries function: an endpoint's delivery log, and replay (admins). */
export const webhookDeliveries = defineFunction({
  name: 'webhook-deliveries',
  routes: [listRoute, replayRoute],
  app,
})
