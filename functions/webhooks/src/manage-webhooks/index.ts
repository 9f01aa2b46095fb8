import { defineFunction } from '@dropmate/runtime'
import { manageWebhooks as app, routes } from './app'

/**
 * The manage-webhooks function: the admins' settings for outbound webhooks. Its routes are
 * one service, not six: an admin touches them a few times a month, and one cold start serves
 * a whole visit to the settings page.
 */
export const manageWebhooks = defineFunction({ name: 'manage-webhooks', routes, app })
