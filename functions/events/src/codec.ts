import { CloudEvent } from 'cloudevents'
import type { EncodedEvent } from './transport'

/** An event in the CloudEvents JSON format: attributes and extensions, then data or data_base64. */
export type JsonFormatEvent = Record<string, unknown>

/**
 * Writes an event as the log keeps it: its structured-mode JSON with every attribute and
 * extension as given. Not `event.toString()`: the SDK rewrites `time` to UTC milliseconds
 * ("…10:00:00.123456789+02:00" becomes "…08:00:00.123Z"), and a broker passes events on
 * unchanged.
 *
 * @example
 * await transport.append(events.map(encodeEvent))
 */
export function encodeEvent(event: CloudEvent<unknown>): EncodedEvent {
  return JSON.stringify(toJsonFormat(event))
}

/** Reads an event the log kept; the inverse of `encodeEvent`. */
export function decodeEvent(encoded: EncodedEvent): CloudEvent<unknown> {
  return fromJsonFormat(JSON.parse(encoded) as JsonFormatEvent)
}

/** The event's JSON format members; binary data becomes `data_base64` (JSON format §3.1.1). */
export function toJsonFormat(event: CloudEvent<unknown>): JsonFormatEvent {
  const json: JsonFormatEvent = {}
  for (const [name, value] of Object.entries(event)) {
    if (value === undefined || name === 'data' || name === 'data_base64') continue
    json[name] = value instanceof Date ? value.toISOString() : binaryAsBase64(value)
  }
  const { data, data_base64 } = event
  if (ArrayBuffer.isView(data)) {
    // The SDK computes data_base64 when it is handed bytes, and it is right even where its
    // `data` is not: a structured event it parsed holds a Uint32Array, one byte per element.
    json.data_base64 = data_base64 ?? binaryAsBase64(data)
  } else if (data !== undefined) {
    json.data = data
  } else if (data_base64 !== undefined) {
    json.data_base64 = data_base64
  }
  return json
}

/**
 * Builds the event from JSON format members without the SDK's strict mode, which would
 * re-validate (and throw on) an event the ingress already accepted. `null` members are unset
 * (JSON format §2.2), except `data`, where null is a payload.
 */
export function fromJsonFormat(json: JsonFormatEvent): CloudEvent<unknown> {
  const attributes: JsonFormatEvent = {}
  for (const [name, value] of Object.entries(json)) {
    if (value === null && name !== 'data') continue
    // Assignment, not defineProperty: a "__proto__" member cannot become the prototype.
    attributes[name] = value
  }
  return new CloudEvent<unknown>(attributes, false)
}

/** Whether data of this type is JSON: subtype json or a +json suffix; absent means JSON. */
export function isJsonContentType(contentType: string | undefined): boolean {
  if (contentType === undefined) return true
  const subtype = mediaTypeOf(contentType).split('/')[1] ?? ''
  return subtype === 'json' || subtype.endsWith('+json')
}

/** The media type without parameters, lower-cased: "application/json; charset=utf-8" → "application/json". */
export function mediaTypeOf(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase()
}

function binaryAsBase64(value: unknown): unknown {
  if (!ArrayBuffer.isView(value)) return value
  return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64')
}

/**
 * Encodes an event built here from typed parts (a contract's builder), as `encodeEvent`
 * would, without the SDK's object and its checks: at a ping's rate those cost more than the
 * rest of the encoding. Events from outside go through the SDK, which validates them.
 */
export function encodeBuilt(
  built: { type: string; source: string; subject: string; data: unknown },
  attributes: { id: string; time: string; traceparent?: string },
): EncodedEvent {
  const { type, source, subject, data } = built
  return JSON.stringify({
    specversion: '1.0',
    id: attributes.id,
    source,
    type,
    subject,
    time: attributes.time,
    datacontenttype: 'application/json',
    ...(attributes.traceparent && { traceparent: attributes.traceparent }),
    data,
  })
}
