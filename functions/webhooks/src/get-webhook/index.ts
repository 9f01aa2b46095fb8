import { defineFunction } from '@dropmate/runtime'
import { getWebhook as app, route } from './app'

export const getWebhook = defineFunction({ name: 'get-webhook', routes: [route], app })
