import { listWebhooks } from './list-webhooks'
import { createWebhook } from './create-webhook'
import { getWebhook } from './get-webhook'
import { updateWebhook } from './update-webhook'
import { deleteWebhook } from './delete-webhook'
import { rotateWebhookSecret } from './rotate-webhook-secret'
import { listWebhookDeliveries } from './list-webhook-deliveries'
import { replayWebhookDelivery } from './replay-webhook-delivery'
import { webhooksReceiver } from './webhooks-receiver'

export {
  listWebhooks,
  createWebhook,
  getWebhook,
  updateWebhook,
  deleteWebhook,
  rotateWebhookSecret,
  listWebhookDeliveries,
  replayWebhookDelivery,
  webhooksReceiver,
}
export { createWebhookSender, type WebhookSender } from './post-webhook'

/**
 * The webhook functions, in the order their routes are mounted: the admins' settings and
 * delivery log, and the receiver, to which only the broker's dispatcher posts
 * (knative/triggers/webhooks.yaml).
 */
export const functions = [
  listWebhooks,
  createWebhook,
  getWebhook,
  updateWebhook,
  deleteWebhook,
  rotateWebhookSecret,
  listWebhookDeliveries,
  replayWebhookDelivery,
  webhooksReceiver,
] as const
