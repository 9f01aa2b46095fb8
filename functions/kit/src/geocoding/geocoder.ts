import { normalizeAddress, pointKey, type Config, type LatLng } from '@dropmate/core'
import {
  findGeocodeAnswer,
  nearestKnownPlace,
  searchKnownPlaces,
  storeGeocodeAnswer,
  type GeocodeKind,
  type Sql,
  type StoredPlace,
} from '@dropmate/db'
import { ProblemError } from '@dropmate/runtime'
import type { Redis } from 'ioredis'
import { createPacing } from './pacing'
import { ask, geocoderUnavailable, type Question, type UpstreamSettings } from './upstream'

/** The most suggestions one search answers; the geocoder is always asked for this many. */
export const MAX_SUGGESTIONS = 10
// A click this close to a known place is at it, when the geocoder cannot say what is there.
const KNOWN_PLACE_REACH_M = 30

export interface Geocoder {
  /**
   * Places matching `q`, best first: the shop's known places (when `known`), then the
   * geocoder's. Throws geocoder_unavailable or geocoder_busy only when there is nothing else
   * to suggest.
   */
  search(q: string, options: { limit: number; known: boolean }): Promise<StoredPlace[]>
  /** The address at `point`, or null where the geocoder names nothing. */
  reverse(point: LatLng, options: { known: boolean }): Promise<StoredPlace | null>
}

export type GeocoderSettings = UpstreamSettings &
  Pick<Config, 'GEOCODER_INTERVAL_MS' | 'GEOCODER_CACHE_DAYS'>

/**
 * Address search and reverse geocoding over the geocoder at GEOCODER_URL, its answers kept
 * in PostgreSQL (geocode_answers) for GEOCODER_CACHE_DAYS and its requests paced (pacing.ts);
 * the same question asked twice at once goes to it once.
 *
 * @example
 * const geocoder = createGeocoder(config, sql, redis)
 * const places = await geocoder.search('rua augusta 150', { limit: 5, known: true })
 */
export function createGeocoder(settings: GeocoderSettings, sql: Sql, redis?: Redis): Geocoder {
  const pacing = createPacing({
    intervalMs: settings.GEOCODER_INTERVAL_MS,
    // A turn is held while its request may still be running, and no longer.
    holdMs: settings.GEOCODER_TIMEOUT_MS + 1_000,
    redis,
  })
  const asking = new Map<string, Promise<StoredPlace[]>>()

  const answer = async (kind: GeocodeKind, queryKey: string, question: Question) => {
    const cached = await findGeocodeAnswer(sql, kind, queryKey)
    if (cached) return cached
    // Without a geocoder there is no turn to wait for.
    const url = settings.GEOCODER_URL
    if (!url) throw geocoderUnavailable('no geocoder is configured')
    const id = `${kind} ${queryKey}`
    let pending = asking.get(id)
    if (!pending) {
      pending = pacing
        .turn(async () => {
          // Another replica may have asked while this one waited for its turn.
          const meanwhile = await findGeocodeAnswer(sql, kind, queryKey)
          if (meanwhile) return meanwhile
          const places = await ask({ ...settings, GEOCODER_URL: url }, question)
          const ttlDays = settings.GEOCODER_CACHE_DAYS
          await storeGeocodeAnswer(sql, { kind, queryKey, places, ttlDays })
          return places
        })
        .finally(() => asking.delete(id))
      asking.set(id, pending)
    }
    return pending
  }

  return {
    async search(q, { limit, known }) {
      const normalized = normalizeAddress(q)
      if (normalized === '') return []
      const ours = known ? await searchKnownPlaces(sql, normalized.split(' '), limit) : []
      if (ours.length >= limit) return ours
      try {
        const theirs = await answer('search', normalized, {
          kind: 'search',
          q,
          limit: MAX_SUGGESTIONS,
        })
        const seen = new Set(ours.map((place) => normalizeAddress(place.label)))
        const fresh = theirs.filter((place) => !seen.has(normalizeAddress(place.label)))
        return [...ours, ...fresh].slice(0, limit)
      } catch (error) {
        if (ours.length > 0 && isGeocoderProblem(error)) return ours
        throw error
      }
    },

    async reverse(clicked, { known }) {
      // A tenth of a metre is finer than any click; coarser, a denormal that PostgreSQL's
      // float8 refuses becomes the 0 it means.
      const point = { lat: round(clicked.lat, 6), lng: round(clicked.lng, 6) }
      try {
        const [place] = await answer('reverse', pointKey(point.lat, point.lng), {
          kind: 'reverse',
          ...point,
        })
        return place ?? null
      } catch (error) {
        if (!known || !isGeocoderProblem(error)) throw error
        const near = await nearestKnownPlace(sql, point, KNOWN_PLACE_REACH_M)
        if (near) return near
        throw error
      }
    },
  }
}

const round = (value: number, places: number) => Number(value.toFixed(places)) || 0

function isGeocoderProblem(error: unknown) {
  return (
    error instanceof ProblemError &&
    (error.code === 'geocoder_unavailable' || error.code === 'geocoder_busy')
  )
}
