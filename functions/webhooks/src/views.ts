import type {
  WebhookDelivery,
  WebhookEndpoint,
  WebhookEventType,
} from '@dropmate/contracts/rest/webhooks'
import type { WebhookAttemptRow, WebhookEndpointRow, WebhookMessageRow } from '@dropmate/db'

/** An endpoint as the API shows it: everything but its secret. */
export function endpointView(row: WebhookEndpointRow): WebhookEndpoint {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    eventTypes: row.eventTypes as WebhookEventType[],
    enabled: row.enabled,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  }
}

/** A message with its attempts; taken once any attempt succeeded. */
export function deliveryView(
  row: WebhookMessageRow & { attempts: WebhookAttemptRow[] },
): WebhookDelivery {
  const last = row.attempts.at(-1)
  const status = row.attempts.some((a) => a.succeeded) ? 'succeeded' : last ? 'failed' : 'pending'
  return {
    id: row.id,
    eventId: row.eventId,
    eventType: row.eventType,
    createdAt: row.createdAt.toISOString(),
    status,
    attempts: row.attempts.map(attemptView),
  }
}

export function attemptView(row: WebhookAttemptRow) {
  return {
    attempt: row.attempt,
    replay: row.replay,
    at: row.attemptedAt.toISOString(),
    durationMs: row.durationMs,
    responseStatus: row.responseStatus,
    responseExcerpt: row.responseExcerpt,
    error: row.error,
    succeeded: row.succeeded,
  }
}
