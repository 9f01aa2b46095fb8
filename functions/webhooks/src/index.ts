import { manageWebhooks } from './manage-webhooks'
import { webhookDeliveries } from './webhook-deliveries'
import { webhooksReceiver } from './webhooks-receiver'

export { manageWebhooks, webhookDeliveries, webhooksReceiver }
export { createWebhookSender, type WebhookSender } from './post-webhook'

/**
 * The webhook functions, in the order their routes are mounted. Only the broker's dispatcher
 * posts to webhooks-receiver (knative/triggers/webhooks.yaml).
 */
export const functions = [manageWebhooks, webhookDeliveries, webhooksReceiver] as const
