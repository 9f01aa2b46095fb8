import { normalizeAddress } from '@dropmate/core'
import type { Queryable } from '../client'

export type GeocodeKind = 'search' | 'reverse'

/** A place as the geocoding tables keep it. */
export interface StoredPlace {
  label: string
  lat: number
  lng: number
}

/** What the geocoder answered for `queryKey`, while it is fresh; undefined otherwise. */
export async function findGeocodeAnswer(
  sql: Queryable,
  kind: GeocodeKind,
  queryKey: string,
): Promise<StoredPlace[] | undefined> {
  const [row] = await sql<{ places: StoredPlace[] }[]>`
    select places
    from geocode_answers
    where kind = ${kind}
      and query_key = ${queryKey}
      and expires_at > now()
  `
  return row?.places
}

/** Keeps the geocoder's answer for `ttlDays`, and drops answers that have expired. */
export async function storeGeocodeAnswer(
  sql: Queryable,
  answer: { kind: GeocodeKind; queryKey: string; places: StoredPlace[]; ttlDays: number },
): Promise<void> {
  await sql`
    insert into geocode_answers (kind, query_key, places, expires_at)
    values (
      ${answer.kind},
      ${answer.queryKey},
      ${sql.json(answer.places as never)},
      now() + make_interval(days => ${answer.ttlDays})
    )
    on conflict (kind, query_key) do update
    set places = excluded.places,
      fetched_at = now(),
      expires_at = excluded.expires_at
  `
  await sql`
    delete from geocode_answers
    where expires_at <= now()
  `
}

/**
 * The shop's known places whose normalised label holds every one of `words` (normalised
 * too), shortest label first: the closest to what was typed.
 */
export async function searchKnownPlaces(
  sql: Queryable,
  words: string[],
  limit: number,
): Promise<StoredPlace[]> {
  // normalizeAddress leaves letters, digits and spaces: no % or _ to escape in a word.
  const patterns = words.map((word) => `%${word}%`)
  return sql<StoredPlace[]>`
    select label, lat, lng
    from known_places
    where search_text like all(${sql.array(patterns)}::text[])
    order by length(label), label
    limit ${limit}
  `
}

/** The known place nearest to a point, if one is within `withinM` metres. */
export async function nearestKnownPlace(
  sql: Queryable,
  point: { lat: number; lng: number },
  withinM: number,
): Promise<StoredPlace | undefined> {
  // An equirectangular distance: exact enough over the few metres this is asked about.
  const [place] = await sql<StoredPlace[]>`
    select label, lat, lng
    from (
      select
        label,
        lat,
        lng,
        6371000 * sqrt(
          power(radians(lat - ${point.lat}), 2)
          + power(radians(lng - ${point.lng}) * cos(radians(${point.lat})), 2)
        ) as distance_m
      from known_places
      where lat between ${point.lat} - 0.01 and ${point.lat} + 0.01
    ) nearby
    where distance_m <= ${withinM}
    order by distance_m
    limit 1
  `
  return place
}

/** Adds places to the shop's known ones, or moves those it knew by the same label. */
export async function rememberPlaces(sql: Queryable, places: StoredPlace[]): Promise<void> {
  if (places.length === 0) return
  const rows = places.map((place) => ({ ...place, searchText: normalizeAddress(place.label) }))
  await sql`
    insert into known_places ${sql(rows, 'label', 'searchText', 'lat', 'lng')}
    on conflict (label) do update
    set search_text = excluded.search_text,
      lat = excluded.lat,
      lng = excluded.lng
  `
}
