import { EVENT_TYPES } from '@dropmate/contracts/event-types'
import type { PingData, PingEvent } from '@dropmate/contracts/ping'

export type { PingEvent }

export const PING_SOURCE = '/web/driver'
/** The API takes at most this many events in one batch. */
export const MAX_BATCH = 500
// Nearly three hours of pings stuck offline at one per 5 s (≈ 600 KB of storage); older
// ones go first beyond it.
export const MAX_QUEUED = 2_000

/**
 * A ping from the browser's Geolocation: the driver as subject, the device time as time.
 * Values the API would refuse (negative speed, heading 360) are left out, not sent.
 */
export function pingEvent(
  driverId: string,
  position: {
    latitude: number
    longitude: number
    accuracy?: number | null
    speed?: number | null
    heading?: number | null
  },
  at: Date,
  id: string = crypto.randomUUID(),
): PingEvent {
  const data: PingData = { lat: round(position.latitude), lng: round(position.longitude) }
  if (valid(position.accuracy, 0, 10_000)) data.accuracyM = position.accuracy
  if (valid(position.speed, 0, 150)) data.speedMps = position.speed
  if (valid(position.heading, 0, 359.999)) data.headingDeg = position.heading
  return {
    specversion: '1.0',
    type: EVENT_TYPES.driverLocation,
    source: PING_SOURCE,
    id,
    subject: driverId,
    time: at.toISOString(),
    datacontenttype: 'application/json',
    data,
  }
}

const valid = (value: number | null | undefined, min: number, max: number): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max

// Seven decimals is about a centimetre; phones report more digits than they know.
const round = (degrees: number) => Math.round(degrees * 1e7) / 1e7

/**
 * The HTTP body of some pings: one in structured mode, more as a batch (CloudEvents JSON
 * batch format, a JSON array).
 */
export function encodePings(pings: readonly PingEvent[]): { contentType: string; body: string } {
  if (pings.length === 1) {
    return { contentType: 'application/cloudevents+json', body: JSON.stringify(pings[0]) }
  }
  return { contentType: 'application/cloudevents-batch+json', body: JSON.stringify(pings) }
}

export interface QueueStorage {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
}

/**
 * Pings not yet taken by the API, oldest first, kept in storage so a reload in a dead zone
 * loses none. Bounded: past MAX_QUEUED the oldest are dropped.
 */
export function createPingQueue(storage: QueueStorage, key: string, max = MAX_QUEUED) {
  let pings: PingEvent[] = read()

  function read(): PingEvent[] {
    try {
      const stored = JSON.parse(storage.getItem(key) ?? '[]') as unknown
      return Array.isArray(stored) ? (stored as PingEvent[]) : []
    } catch {
      return []
    }
  }
  const write = () => {
    try {
      storage.setItem(key, JSON.stringify(pings))
    } catch {
      // Storage full or unavailable: the queue still lives in memory.
    }
  }

  return {
    get size() {
      return pings.length
    },
    add(ping: PingEvent) {
      pings.push(ping)
      if (pings.length > max) pings = pings.slice(-max)
      write()
    },
    /** The oldest pings, as many as one request carries. */
    next(): PingEvent[] {
      return pings.slice(0, MAX_BATCH)
    },
    /** Forgets pings the API has taken (or refused for good). */
    remove(sent: readonly PingEvent[]) {
      const ids = new Set(sent.map((p) => p.id))
      pings = pings.filter((p) => !ids.has(p.id))
      write()
    },
  }
}
