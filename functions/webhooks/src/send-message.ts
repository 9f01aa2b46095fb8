import type { Config } from '@dropmate/core'
import {
  recordWebhookAttempt,
  type Sql,
  type WebhookAttemptRow,
  type WebhookEndpointRow,
  type WebhookMessageRow,
} from '@dropmate/db'
import type { WebhookSender } from './post-webhook'
import { openWebhookSecret } from './secret'

export interface Sending {
  sql: Sql
  config: Pick<Config, 'WEBHOOKS_SECRET_KEY'>
  sender: WebhookSender
}

/**
 * Sends one message to its endpoint, signed with the endpoint's current secret, and logs the
 * attempt (`replay` when an admin asked for it) in the endpoint's delivery log.
 */
export async function sendMessage(
  { sql, config, sender }: Sending,
  endpoint: WebhookEndpointRow,
  message: WebhookMessageRow,
  replay: boolean,
): Promise<WebhookAttemptRow> {
  const outcome = await sender.post({
    url: endpoint.url,
    id: message.id,
    payload: message.payload,
    secret: openWebhookSecret(endpoint.secret, config.WEBHOOKS_SECRET_KEY),
  })
  return recordWebhookAttempt(sql, { messageId: message.id, replay, ...outcome })
}
