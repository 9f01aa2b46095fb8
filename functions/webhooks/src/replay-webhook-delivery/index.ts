import { defineFunction } from '@dropmate/runtime'
import { replayWebhookDelivery as app, route } from './app'

export const replayWebhookDelivery = defineFunction({
  name: 'replay-webhook-delivery',
  routes: [route],
  app,
})
