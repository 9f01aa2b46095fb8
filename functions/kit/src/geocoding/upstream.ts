import type { Config } from '@dropmate/core'
import type { StoredPlace } from '@dropmate/db'
import { logger, ProblemError } from '@dropmate/runtime'
import { placesIn } from './answers'

export type UpstreamSettings = Pick<
  Config,
  | 'GEOCODER_URL'
  | 'GEOCODER_API'
  | 'GEOCODER_COUNTRY_CODES'
  | 'GEOCODER_USER_AGENT'
  | 'GEOCODER_TIMEOUT_MS'
  | 'PUBLIC_URL'
>

/** One question to the geocoder, as its API spells it. */
export type Question =
  { kind: 'search'; q: string; limit: number } | { kind: 'reverse'; lat: number; lng: number }

/** The geocoder is not there, or answered nothing usable: the 503 the API passes on. */
export function geocoderUnavailable(reason: string) {
  return new ProblemError(
    'geocoder_unavailable',
    `Address search is unavailable (${reason}): pick the point on the map or type its coordinates.`,
  )
}

/**
 * Asks the geocoder at GEOCODER_URL one question, identified as the public Nominatim's usage
 * policy asks (a User-Agent naming the application, and the Referer of the deployment),
 * within GEOCODER_TIMEOUT_MS. Anything but a usable answer is geocoderUnavailable.
 */
export async function ask(
  settings: UpstreamSettings & { GEOCODER_URL: string },
  question: Question,
): Promise<StoredPlace[]> {
  const url = questionUrl(settings, question)
  let response: Response
  try {
    response = await fetch(url, {
      headers: {
        accept: 'application/json',
        'user-agent': settings.GEOCODER_USER_AGENT ?? `DropMate (${settings.PUBLIC_URL})`,
        referer: `${settings.PUBLIC_URL}/`,
      },
      signal: AbortSignal.timeout(settings.GEOCODER_TIMEOUT_MS),
    })
  } catch (error) {
    // The query is an address someone typed: personal data stays out of the log.
    logger.warn({ err: error, kind: question.kind }, 'geocoder unreachable')
    throw geocoderUnavailable('the geocoder cannot be reached')
  }
  const body: unknown = await response.json().catch(() => undefined)
  const places = response.ok ? placesIn(body) : undefined
  if (places) return places
  logger.warn({ status: response.status, kind: question.kind }, 'geocoder answered no places')
  throw geocoderUnavailable(`the geocoder answered ${response.status}`)
}

function questionUrl(settings: UpstreamSettings & { GEOCODER_URL: string }, question: Question) {
  const nominatim = settings.GEOCODER_API === 'nominatim'
  const params: Record<string, string> =
    question.kind === 'search'
      ? { q: question.q, limit: String(question.limit) }
      : { lat: String(question.lat), lon: String(question.lng) }
  const path = question.kind === 'reverse' ? '/reverse' : nominatim ? '/search' : '/api'
  // Photon answers GeoJSON by itself; Nominatim is asked for jsonv2 (its documented default).
  if (nominatim) params.format = 'jsonv2'
  const countries = settings.GEOCODER_COUNTRY_CODES
  if (nominatim && question.kind === 'search' && countries.length > 0) {
    params.countrycodes = countries.join(',').toLowerCase()
  }
  return `${settings.GEOCODER_URL}${path}?${new URLSearchParams(params)}`
}
