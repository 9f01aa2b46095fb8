/**
 * Driver pings as CloudEvents 1.0 over HTTP, as `POST /api/locations` (functions/locations)
 * takes them: binary or structured mode for one, batch mode for a phone catching up.
 */
import type { PingData, PingEvent } from '@dropmate/contracts/ping'

/**
 * The ping's type, EVENT_TYPES.driverLocation: k6 cannot load workspace packages, so it is
 * spelled out here and typed by the contract, which refuses any other spelling.
 */
export const DRIVER_LOCATION: PingEvent['type'] = 'com.dropmate.driver.location.v1'

// Who sent it; consumers deduplicate on (source, id), so load pings never pass for a phone's.
const SOURCE = '/scripts/k6'

/** A GPS fix: the event's `data`. Load pings carry every sensor. */
export type Fix = Required<{ [Field in keyof PingData]: NonNullable<PingData[Field]> }>

/** A ping as sent in structured mode; binary mode carries the same attributes as headers. */
export type LocationEvent = PingEvent & { data: Fix }

export type Mode = 'binary' | 'structured'

/** An HTTP request's headers and body. */
export interface Message {
  headers: Record<string, string>
  body: string
}

export function locationEvent(id: string, driverId: string, fix: Fix, time: Date): LocationEvent {
  return {
    specversion: '1.0',
    type: DRIVER_LOCATION,
    source: SOURCE,
    id,
    subject: driverId,
    time: time.toISOString(),
    datacontenttype: 'application/json',
    data: fix,
  }
}

/**
 * One event in binary mode (attributes as `ce-` headers, `data` as the body) or structured
 * mode (the whole event as JSON), per the CloudEvents HTTP binding.
 *
 * @example
 * const { headers, body } = encode(locationEvent(randomId(), driverId, fix, new Date()), 'binary')
 */
export function encode(event: LocationEvent, mode: Mode): Message {
  if (mode === 'structured') {
    return {
      headers: { 'Content-Type': 'application/cloudevents+json' },
      body: JSON.stringify(event),
    }
  }
  const { data, datacontenttype, ...attributes } = event
  const headers: Record<string, string> = { 'Content-Type': datacontenttype }
  for (const [name, value] of Object.entries(attributes)) headers[`ce-${name}`] = value
  return { headers, body: JSON.stringify(data) }
}

/** Several events in batch mode: a JSON array of structured events. */
export function encodeBatch(events: LocationEvent[]): Message {
  return {
    headers: { 'Content-Type': 'application/cloudevents-batch+json' },
    body: JSON.stringify(events),
  }
}
