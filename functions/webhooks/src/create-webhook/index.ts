import { defineFunction } from '@dropmate/runtime'
import { createWebhook as app, route } from './app'

export const createWebhook = defineFunction({ name: 'create-webhook', routes: [route], app })
