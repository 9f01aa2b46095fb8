import { defineFunction } from '@dropmate/runtime'
import { listWebhookDeliveries as app, route } from './app'

export const listWebhookDeliveries = defineFunction({
  name: 'list-webhook-deliveries',
  routes: [route],
  app,
})
