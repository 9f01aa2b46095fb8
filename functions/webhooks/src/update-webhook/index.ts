import { defineFunction } from '@dropmate/runtime'
import { updateWebhook as app, route } from './app'

export const updateWebhook = defineFunction({ name: 'update-webhook', routes: [route], app })
