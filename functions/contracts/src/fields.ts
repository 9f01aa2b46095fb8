import { MAX_LATITUDE, type LatLng as CoreLatLng } from '@dropmate/core/geo'
import { z } from 'zod'

/**
 * An id of a row: an RFC 9562 UUID, as PostgreSQL's gen_random_uuid() mints them and as the
 * REST path and body schemas have always checked them. `z.guid()` (any 8-4-4-4-12 hex) would
 * let through ids no row of ours can have.
 */
export const Id = z.uuid()

/**
 * Latitude in WGS84 degrees, within Web Mercator's limit (MAX_LATITUDE): Redis GEO refuses
 * points beyond it, so a position past ±85.05° could be neither recorded nor searched, and no
 * road or door lies there. One bound for pings, events and addresses alike.
 */
export const Latitude = z.number().min(-MAX_LATITUDE).max(MAX_LATITUDE)

/** Longitude in WGS84 degrees. */
export const Longitude = z.number().min(-180).max(180)

/** A point on the map (core's LatLng), as a request body names it: nothing else in it. */
export const LatLng = z.strictObject({
  lat: Latitude,
  lng: Longitude,
}) satisfies z.ZodType<CoreLatLng>

/**
 * A moment as ISO 8601 text. Producers write `Date.toISOString()` (UTC, `Z`); an explicit
 * offset is the same moment and is taken too.
 */
export const Timestamp = z.iso.datetime({ offset: true })
