import { defineFunction } from '@dropmate/runtime'
import { listWebhooks as app, route } from './app'

export const listWebhooks = defineFunction({ name: 'list-webhooks', routes: [route], app })
