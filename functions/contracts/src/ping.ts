import { z } from 'zod'
import type { EVENT_TYPES } from './event-types'
import { Latitude, Longitude } from './fields'

/**
 * `data` of a com.dropmate.driver.location.v1 ping, as the phone sends it to
 * `POST /api/locations`. Strict: a field the API does not know is a mistake worth a 400.
 * Sensors that have nothing to say leave their field out (or null).
 */
export const PingData = z.strictObject({
  lat: Latitude,
  lng: Longitude,
  accuracyM: z.number().min(0).max(10_000).nullish(),
  speedMps: z.number().min(0).max(150).nullish(),
  headingDeg: z.number().min(0).lt(360).nullish(),
})
export type PingData = z.infer<typeof PingData>

/**
 * One ping as a structured-mode CloudEvent 1.0 (binary mode sends the same attributes as
 * `ce-*` headers); a batch is a JSON array of these.
 */
export interface PingEvent {
  specversion: '1.0'
  type: typeof EVENT_TYPES.driverLocation
  /** Who sent it; with `id`, what consumers deduplicate on. */
  source: string
  /** Unique per ping: a retry reuses it. */
  id: string
  /** The driver's id: ingest refuses pings about anyone else. */
  subject: string
  /** When the device took the fix, ISO 8601: within the history kept, not in the future. */
  time: string
  datacontenttype: 'application/json'
  data: PingData
}
