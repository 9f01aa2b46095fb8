import { defineFunction } from '@dropmate/runtime'
import { rotateWebhookSecret as app, route } from './app'

export const rotateWebhookSecret = defineFunction({
  name: 'rotate-webhook-secret',
  routes: [route],
  app,
})
