import type { CloudEvent } from 'cloudevents'
import { eventsFromMessage } from '@dropmate/events'
import { postEvent, type PostOptions } from './send'

/** What one delivery attempt came to, by the Knative data-plane response table. */
export type Attempt =
  | { outcome: 'delivered'; reply?: CloudEvent<unknown> }
  | { outcome: 'retry'; status: number | null; body: string; retryAfter: string | null }
  | { outcome: 'give_up'; status: number; body: string }

/**
 * Knative retries 404 (the subscriber may be scaling from zero), 408, 409, 429 and every
 * 5xx, as well as timeouts and connection errors; any other non-2xx is final (REFERENCE.md;
 * 408 from Knative's SelectiveRetry).
 */
export function isRetryable(status: number): boolean {
  return [404, 408, 409, 429].includes(status) || status >= 500
}

/** Knative honours Retry-After on 429 and 503 only (its generateBackoffFn). */
const HONOURS_RETRY_AFTER = new Set([429, 503])

/** POSTs the event in binary mode and classifies the answer. Never throws. */
export async function attemptDelivery(
  url: string,
  event: CloudEvent<unknown>,
  options: PostOptions,
): Promise<Attempt> {
  let response: Response
  try {
    response = await postEvent(url, event, options)
  } catch (error) {
    return { outcome: 'retry', status: null, body: String(error), retryAfter: null }
  }
  const bytes = new Uint8Array(await response.arrayBuffer().catch(() => new ArrayBuffer(0)))
  const body = new TextDecoder().decode(bytes)
  if (response.ok) return { outcome: 'delivered', reply: replyIn(response, bytes) }
  if (isRetryable(response.status)) {
    return {
      outcome: 'retry',
      status: response.status,
      body,
      retryAfter: HONOURS_RETRY_AFTER.has(response.status)
        ? response.headers.get('retry-after')
        : null,
    }
  }
  return { outcome: 'give_up', status: response.status, body }
}

/** A 200 whose body is a CloudEvent is a reply, which goes back into the broker. */
function replyIn(response: Response, body: Uint8Array): CloudEvent<unknown> | undefined {
  const headers = Object.fromEntries(response.headers)
  const structured = headers['content-type']?.startsWith('application/cloudevents+json')
  if (response.status !== 200 || (!headers['ce-id'] && !structured)) return undefined
  try {
    return eventsFromMessage(headers, body)[0]
  } catch {
    // Not a valid event: the subscriber said 200, so the delivery itself succeeded.
    return undefined
  }
}

// Knative caps the error data it attaches to a dead-lettered event; so do we.
const ERROR_DATA_BYTES = 1024

/** Knative's extensions on a dead-lettered event: where it failed, the status, the answer. */
export const ERROR_EXTENSIONS = [
  'knativeerrordest',
  'knativeerrorcode',
  'knativeerrordata',
] as const

/**
 * Names the one Trigger a replayed dead letter is for: the others delivered it the first
 * time and must not get it again (CloudEvents extension names: lower-case letters, digits).
 */
export const REPLAY_EXTENSION = 'dropmatereplay'

/** The event as it goes to the dead letters, carrying why (the ERROR_EXTENSIONS). */
export function withDeliveryError(
  event: CloudEvent<unknown>,
  destination: string,
  status: number | null,
  body: string,
): CloudEvent<unknown> {
  return event.cloneWith({
    knativeerrordest: destination,
    knativeerrorcode: String(status ?? 0),
    knativeerrordata: Buffer.from(body).subarray(0, ERROR_DATA_BYTES).toString('base64'),
  })
}
