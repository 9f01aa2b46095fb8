import { EVENT_TYPES } from '@dropmate/contracts/event-types'
import type { PingData } from '@dropmate/contracts/ping'
import { CloudEvent, HTTP } from 'cloudevents'
import type { Fix } from './gps'

/** The CloudEvent `source` of every simulated ping. */
export const PING_SOURCE = '/scripts/simulate-drivers'

/** A fix as the phone keeps it until the API has taken it. */
export interface RecordedPing {
  /** The CloudEvent id: a retried send carries the same one, so consumers see a duplicate. */
  id: string
  driverId: string
  recordedAt: Date
  fix: Fix
}

export type Mode = 'binary' | 'structured' | 'batch'

export const BATCH_CONTENT_TYPE = 'application/cloudevents-batch+json'

/** A `com.dropmate.driver.location.v1` event: the driver as subject, the device time as time. */
export function pingEvent(ping: RecordedPing): CloudEvent<PingData> {
  return new CloudEvent({
    type: EVENT_TYPES.driverLocation,
    source: PING_SOURCE,
    id: ping.id,
    subject: ping.driverId,
    time: ping.recordedAt.toISOString(),
    datacontenttype: 'application/json',
    data: ping.fix,
  })
}

/**
 * The HTTP message for pings in one mode: binary and structured carry exactly one; a batch
 * is a JSON array of structured events (the SDK has no batch serialiser).
 */
export function encodePings(
  pings: readonly RecordedPing[],
  mode: Mode,
): { headers: Record<string, string>; body: string } {
  const events = pings.map(pingEvent)
  if (mode === 'batch') {
    const body = JSON.stringify(events.map((event) => event.toJSON()))
    return { headers: { 'content-type': BATCH_CONTENT_TYPE }, body }
  }
  if (events.length !== 1)
    throw new RangeError(`${mode} mode carries one event, not ${events.length}`)
  const message = mode === 'binary' ? HTTP.binary(events[0]!) : HTTP.structured(events[0]!)
  return { headers: message.headers as Record<string, string>, body: String(message.body) }
}
