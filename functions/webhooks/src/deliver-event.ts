import { effectOnce, type Once } from '@dropmate/events'
import { webhookEndpointsFor, webhookMessageFor, type WebhookEndpointRow } from '@dropmate/db'
import { logger } from '@dropmate/runtime'
import type { CloudEvent } from 'cloudevents'
import { randomUUID } from 'node:crypto'
import { sendMessage, type Sending } from './send-message'

/** What became of one event at one endpoint. */
export type EndpointOutcome = Once | 'failed'

// How long one endpoint's send is held against other deliveries of the same event: well past
// the sender's own 10 s limit.
const SEND_LEASE_MS = 30_000

class NotTaken extends Error {}

/**
 * Sends `event` to every enabled endpoint that asked for its type, all at once, each at most
 * once (effectOnce per endpoint): when one endpoint fails and the broker delivers the event
 * again, only the endpoints that have not taken it get it again, with the same `webhook-id`.
 */
export async function deliverEvent(
  sending: Sending,
  event: CloudEvent<unknown>,
): Promise<EndpointOutcome[]> {
  const endpoints = await webhookEndpointsFor(sending.sql, event.type)
  return Promise.all(endpoints.map((endpoint) => deliverTo(sending, endpoint, event)))
}

async function deliverTo(
  sending: Sending,
  endpoint: WebhookEndpointRow,
  event: CloudEvent<unknown>,
): Promise<EndpointOutcome> {
  const message = await webhookMessageFor(sending.sql, {
    id: `msg_${randomUUID().replaceAll('-', '')}`,
    endpointId: endpoint.id,
    eventSource: event.source,
    eventId: event.id,
    eventType: event.type,
    payload: payloadOf(event),
  })
  const consumer = `webhook:${endpoint.id}`
  try {
    return await effectOnce(sending.sql, consumer, event, SEND_LEASE_MS, async () => {
      const attempt = await sendMessage(sending, endpoint, message, false)
      if (!attempt.succeeded) throw new NotTaken()
    })
  } catch (error) {
    if (!(error instanceof NotTaken)) throw error
    logger.warn({ endpoint: endpoint.id, message: message.id }, 'webhook not taken, retried later')
    return 'failed'
  }
}

/** The Standard Webhooks body: the event's type, when it happened, and its data. */
function payloadOf(event: CloudEvent<unknown>): string {
  const timestamp = event.time ?? new Date().toISOString()
  return JSON.stringify({ type: event.type, timestamp, data: event.data ?? null })
}
