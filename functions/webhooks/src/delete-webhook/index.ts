import { defineFunction } from '@dropmate/runtime'
import { deleteWebhook as app, route } from './app'

export const deleteWebhook = defineFunction({ name: 'delete-webhook', routes: [route], app })
