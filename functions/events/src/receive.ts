import { textFault } from '@dropmate/core'
import { ProblemError } from '@dropmate/runtime'
import type { CloudEvent } from 'cloudevents'
import { fromJsonFormat, isJsonContentType, mediaTypeOf, type JsonFormatEvent } from './codec'

const STRUCTURED = 'application/cloudevents+json'
const BATCH = 'application/cloudevents-batch+json'
const REQUIRED = ['id', 'source', 'type', 'specversion'] as const
// CloudEvents 1.0 §3.1.1: lower-case ASCII letters and digits.
const ATTRIBUTE_NAME = /^[a-z0-9]+$/
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/

/**
 * The events an HTTP request carries, in binary, structured or batched content mode, each
 * checked against CloudEvents 1.0. Anything invalid is a 400 `invalid_cloudevent` problem
 * naming the attribute (and the batch index); a batch is taken whole or not at all.
 *
 * Parsed here rather than by the SDK's `HTTP.toEvent`, which loses what a broker must keep:
 * it reads binary bodies as text, drops falsy data (`false`, `0`, `""`), replaces a malformed
 * `time` with now, makes up a missing `id` or `specversion`, and refuses structured events
 * whose Content-Type has a charset parameter.
 *
 * @example
 * const events = await eventsFromRequest(c.req.raw)
 */
export async function eventsFromRequest(request: Request): Promise<CloudEvent<unknown>[]> {
  const body = new Uint8Array(await request.arrayBuffer())
  return eventsFromMessage(Object.fromEntries(request.headers), body)
}

/** The same for a message already read: header names in any case, the body as bytes. */
export function eventsFromMessage(
  headers: Record<string, string>,
  body: Uint8Array,
): CloudEvent<unknown>[] {
  const lower: Record<string, string> = {}
  let attributesInHeaders = false
  for (const name in headers) {
    const lowerName = name.toLowerCase()
    lower[lowerName] = headers[name]!
    attributesInHeaders ||= lowerName.startsWith('ce-')
  }
  const mediaType = mediaTypeOf(lower['content-type'])
  if (mediaType === BATCH) return batchOf(body)
  if (mediaType.startsWith('application/cloudevents')) {
    if (mediaType !== STRUCTURED) throw invalid(`${mediaType} is not an event format; use JSON`)
    return [checked(parseJson(body, 'The event'), '')]
  }
  if (!attributesInHeaders) {
    throw invalid(`Not a CloudEvent: no ce-* headers, and Content-Type is not ${STRUCTURED}`)
  }
  return [checked(binaryEvent(lower, body), '')]
}

function batchOf(body: Uint8Array): CloudEvent<unknown>[] {
  const batch = parseJson(body, 'The batch')
  if (!Array.isArray(batch)) throw invalid('A batch must be a JSON array of events')
  // The format allows an empty batch; as a request it can only be a sender's mistake.
  if (batch.length === 0) throw invalid('The batch is empty')
  return batch.map((item, index) => checked(item, `batch[${index}]: `))
}

function checked(json: unknown, at: string): CloudEvent<unknown> {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw invalid(`${at}an event must be a JSON object`)
  }
  const event = json as JsonFormatEvent
  for (const name of REQUIRED) {
    const value = event[name]
    if (value === undefined || value === null) throw invalid(`${at}missing attribute '${name}'`)
    if (typeof value !== 'string' || value === '') {
      throw invalid(`${at}attribute '${name}' must be a non-empty string`)
    }
  }
  if (event.specversion !== '1.0') {
    throw invalid(`${at}specversion '${event.specversion}' is not supported; send 1.0`)
  }
  for (const [name, value] of Object.entries(event)) {
    if (name === 'data' || name === 'data_base64') continue
    if (!ATTRIBUTE_NAME.test(name)) {
      throw invalid(`${at}'${name}' is not an attribute name: use lower-case letters and digits`)
    }
    if (!isAttributeValue(value)) {
      throw invalid(`${at}attribute '${name}' must be a string, an integer or a boolean`)
    }
    // CloudEvents 1.0 §2 (type system) disallows these in strings too; unchecked, a NUL id
    // passes every check here and fails the first PostgreSQL write that records it.
    const fault = typeof value === 'string' ? textFault(value) : undefined
    if (fault) throw invalid(`${at}attribute '${name}' ${fault}`)
  }
  // The SDK would quietly replace an empty time with the current one.
  if (event.time === '') throw invalid(`${at}attribute 'time' must be an RFC 3339 timestamp`)
  if ('data' in event && event.data_base64 != null) {
    throw invalid(`${at}data and data_base64 exclude each other`)
  }
  const base64 = event.data_base64
  if (base64 != null && (typeof base64 !== 'string' || !isBase64(base64))) {
    throw invalid(`${at}data_base64 must be a base64 string`)
  }
  try {
    const cloudEvent = fromJsonFormat(event)
    cloudEvent.validate()
    return cloudEvent
  } catch (error) {
    throw invalid(`${at}${describe(error)}`)
  }
}

/** Binary content mode (HTTP binding §3.1): attributes in ce-* headers, data as the body. */
function binaryEvent(headers: Record<string, string>, body: Uint8Array): JsonFormatEvent {
  const event: JsonFormatEvent = {}
  for (const [header, raw] of Object.entries(headers)) {
    if (!header.startsWith('ce-')) continue
    const name = header.slice(3)
    // Content-Type carries datacontenttype in this mode, and data is the body (§3.1.1).
    if (name === 'datacontenttype' || name === 'data') throw invalid(`${header} is not allowed`)
    event[name] = headerValue(header, raw)
  }
  const contentType = headers['content-type']
  if (contentType !== undefined) event.datacontenttype = contentType
  if (body.length > 0) event.data = dataOf(body, contentType)
  return event
}

/**
 * HTTP binding §3.1.3.2: unquote, then one round of percent-decoding that rejects invalid
 * UTF-8. A "%" not followed by two hex digits stays, as senders that never encode send it.
 */
function headerValue(header: string, raw: string): string {
  const quoted = raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"')
  const value = quoted ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw
  try {
    return value.replace(/(?:%[0-9a-f]{2})+/gi, (run) => decodeURIComponent(run))
  } catch {
    throw invalid(`${header} is not percent-encoded UTF-8`)
  }
}

/** JSON types become JSON values, UTF-8 text a string, anything else bytes (data_base64). */
function dataOf(body: Uint8Array, contentType: string | undefined): unknown {
  if (isJsonContentType(contentType)) {
    const declared = contentType ? `Content-Type ${contentType}` : 'a missing Content-Type'
    try {
      return JSON.parse(utf8(body)?.replace(/^\uFEFF/, '') ?? '')
    } catch {
      throw invalid(`The body is not valid JSON, yet ${declared} declares JSON`)
    }
  }
  const text = isText(contentType) ? utf8(body) : undefined
  return text ?? body
}

function isText(contentType: string | undefined): boolean {
  const mediaType = mediaTypeOf(contentType)
  const textual = mediaType.startsWith('text/') || /[/+]xml$/.test(mediaType)
  const charset = /;\s*charset="?([^";]+)/i.exec(contentType ?? '')?.[1]?.toLowerCase()
  return textual && (charset === undefined || charset === 'utf-8' || charset === 'us-ascii')
}

function parseJson(body: Uint8Array, what: string): unknown {
  const text = utf8(body)
  if (text === undefined) throw invalid(`${what} is not UTF-8`)
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch (error) {
    throw invalid(`${what} is not valid JSON: ${(error as Error).message}`)
  }
}

// One decoder for every body: a decode() that is not streamed starts afresh, and making a
// decoder per body was 0.7 % of a ping's CPU (npm run bench -- profile ping).
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

function utf8(bytes: Uint8Array): string | undefined {
  try {
    return UTF8.decode(bytes)
  } catch {
    return undefined
  }
}

function isAttributeValue(value: unknown): boolean {
  return (
    value === null ||
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    Number.isSafeInteger(value)
  )
}

function isBase64(value: string): boolean {
  return value.length % 4 === 0 && BASE64.test(value)
}

/** The SDK's ValidationError carries JSON Schema errors; name the attribute they point at. */
function describe(error: unknown): string {
  const errors = (error as { errors?: unknown[] }).errors
  const first = errors?.[0] as { instancePath?: string; message?: string } | undefined
  if (first?.instancePath) return `attribute '${first.instancePath.slice(1)}' ${first.message}`
  return error instanceof Error ? error.message : String(error)
}

function invalid(detail: string): ProblemError {
  return new ProblemError('invalid_cloudevent', detail)
}
