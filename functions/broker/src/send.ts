import { traceExtension } from '@dropmate/core'
import type { CloudEvent } from 'cloudevents'
import { isJsonContentType, toJsonFormat } from '@dropmate/events'
import { httpPost, type Post } from './http-post'

export interface PostOptions {
  timeoutMs: number
  headers?: Record<string, string>
  /** Over HTTP unless the caller hands it to an app in its own process. */
  post?: Post
}

export interface BinaryMessage {
  headers: Record<string, string>
  body?: string | Uint8Array
}

// Enough of a refusal to say why in a log line, not a whole error page.
const BODY_CHARS = 500

/**
 * POSTs the event in binary content mode and returns the response whatever its status: the
 * caller decides what a status means. Rejects on network errors and after `timeoutMs`.
 *
 * @example
 * const response = await postEvent(subscriberUrl, event, { timeoutMs: 30_000 })
 */
export async function postEvent(
  url: string,
  event: CloudEvent<unknown>,
  options: PostOptions,
): Promise<Response> {
  const message = binaryMessage(event)
  const headers = { ...options.headers, ...traceHeaders(event), ...message.headers }
  return (options.post ?? httpPost)(url, headers, message.body, options.timeoutMs)
}

/** A producer's event the broker did not take; `status` is null when no answer came. */
export class DeliveryFailed extends Error {
  override name = 'DeliveryFailed'
  constructor(
    message: string,
    readonly status: number | null,
    readonly body: string,
    options?: ErrorOptions,
  ) {
    super(message, options)
  }
}

/**
 * Sends a producer's event to the broker and fails loudly: any answer but 2xx, a network
 * error or a timeout throws `DeliveryFailed`, so the caller keeps the event and tries again.
 *
 * @example
 * await publishEvent(brokerUrl, event, { timeoutMs: 5_000, headers: { authorization } })
 */
export async function publishEvent(
  url: string,
  event: CloudEvent<unknown>,
  options: PostOptions,
): Promise<void> {
  let response: Response
  try {
    response = await postEvent(url, event, options)
  } catch (error) {
    const reason = (error as Error).name === 'TimeoutError' ? 'no answer in time' : causeOf(error)
    throw new DeliveryFailed(`POST ${url} failed: ${reason}`, null, '', { cause: error })
  }
  const body = await response.text().catch(() => '')
  if (response.ok) return
  const excerpt = body.length > BODY_CHARS ? `${body.slice(0, BODY_CHARS)}…` : body
  const message = `POST ${url} answered ${response.status}${excerpt ? `: ${excerpt}` : ''}`
  throw new DeliveryFailed(message, response.status, excerpt)
}

/**
 * Binary content mode (HTTP binding §3.1) from the JSON format members the log keeps. Not the
 * SDK's `HTTP.binary`, which rewrites `time` to UTC milliseconds, sends string data unquoted
 * under a JSON Content-Type, sends the bytes of an event it parsed four to a byte, and leaves
 * non-ASCII header values unencoded (fetch then throws).
 */
export function binaryMessage(event: CloudEvent<unknown>): BinaryMessage {
  const { data, data_base64, datacontenttype, ...attributes } = toJsonFormat(event)
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(attributes)) {
    headers[`ce-${name}`] = percentEncoded(String(value))
  }
  const contentType = typeof datacontenttype === 'string' ? datacontenttype : undefined
  if (contentType !== undefined) headers['content-type'] = contentType
  if (typeof data_base64 === 'string') {
    // Bytes without a declared type would read as JSON at the other end; say they are bytes.
    headers['content-type'] ??= 'application/octet-stream'
    return { headers, body: Buffer.from(data_base64, 'base64') }
  }
  if (data === undefined) return { headers }
  // JSON format §3.1.1: no datacontenttype means JSON, said explicitly on other bindings.
  headers['content-type'] ??= 'application/json'
  const text = typeof data === 'string' && !isJsonContentType(contentType)
  return { headers, body: text ? data : JSON.stringify(data) }
}

/** HTTP binding §3.1.3.2: space, '"', '%' and all but printable ASCII, as UTF-8 bytes. */
function percentEncoded(value: string): string {
  return value.replace(/[^\x21\x23\x24\x26-\x7e]/gu, (char) =>
    [...Buffer.from(char)]
      .map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`)
      .join(''),
  )
}

/**
 * Distributed Tracing extension: over HTTP the W3C headers carry the trace, so whatever
 * traces requests at the other end joins it. A POST made while handling something (the
 * dispatcher delivering) names that span as the parent; otherwise the event's producer.
 */
function traceHeaders(event: CloudEvent<unknown>): Record<string, string> {
  const headers: Record<string, string> = {}
  const traceparent = traceExtension().traceparent ?? event.traceparent
  if (typeof traceparent === 'string') headers.traceparent = traceparent
  if (typeof event.tracestate === 'string') headers.tracestate = event.tracestate
  return headers
}

function causeOf(error: unknown): string {
  const cause = (error as { cause?: unknown }).cause
  return cause instanceof Error ? cause.message : (error as Error).message
}
