/**
 * Driver pings as CloudEvents 1.0 over HTTP, as `POST /api/locations` (functions/locations)
 * takes them: binary or structured mode for one, batch mode for a phone catching up.
 */

/** The ping's type: EVENT_TYPES.driverLocation in @dropmate/core. */
export const DRIVER_LOCATION = 'com.dropmate.driver.location.v1'

// Who sent it; consumers deduplicate on (source, id), so load pings never pass for a phone's.
const SOURCE = '/scripts/k6'

/** A GPS fix: the event's `data`. */
export interface Fix {
  lat: number
  lng: number
  accuracyM: number
  speedMps: number
  headingDeg: number
}

export interface LocationEvent {
  specversion: '1.0'
  type: typeof DRIVER_LOCATION
  source: string
  id: string
  /** The driver's id: ingest refuses pings about anyone else. */
  subject: string
  /** The device time of the fix, ISO 8601. */
  time: string
  datacontenttype: 'application/json'
  data: Fix
}

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
