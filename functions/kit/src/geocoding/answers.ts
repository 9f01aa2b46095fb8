import { MAX_LATITUDE } from '@dropmate/core'
import type { StoredPlace } from '@dropmate/db'
import { z } from 'zod'

// Nominatim's format=jsonv2: coordinates as decimal strings; /search answers an array,
// /reverse one object, or { error } where there is nothing to name.
const NominatimPlace = z.object({
  lat: z.coerce.number(),
  lon: z.coerce.number(),
  display_name: z.string(),
})
const NominatimAnswer = z.union([
  z.array(z.unknown()),
  z.object({ error: z.unknown() }).transform(() => []),
  NominatimPlace.transform((place) => [place]),
])

// Photon's GeoJSON: [lng, lat] points, the address in parts.
const PhotonProperties = z.object({
  name: z.string().optional(),
  housenumber: z.string().optional(),
  street: z.string().optional(),
  district: z.string().optional(),
  city: z.string().optional(),
  postcode: z.string().optional(),
  country: z.string().optional(),
})
const PhotonFeature = z.object({
  geometry: z.object({ coordinates: z.tuple([z.number(), z.number()]).rest(z.number()) }),
  properties: PhotonProperties,
})
const PhotonAnswer = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(z.unknown()),
})

/**
 * The places in a geocoder's answer, in its order, each one that cannot be read left out;
 * undefined when the answer is neither shape.
 */
export function placesIn(body: unknown): StoredPlace[] | undefined {
  const photon = PhotonAnswer.safeParse(body)
  if (photon.success) {
    return usable(
      readable(PhotonFeature, photon.data.features).map(({ geometry, properties }) => ({
        label: photonLabel(properties),
        lat: geometry.coordinates[1],
        lng: geometry.coordinates[0],
      })),
    )
  }
  const nominatim = NominatimAnswer.safeParse(body)
  if (!nominatim.success) return undefined
  return usable(
    readable(NominatimPlace, nominatim.data).map((p) => ({
      label: p.display_name,
      lat: p.lat,
      lng: p.lon,
    })),
  )
}

/** The items `schema` reads, the others dropped: one odd place spoils no suggestion list. */
function readable<T>(schema: z.ZodType<T>, items: unknown[]): T[] {
  return items.flatMap((item) => {
    const read = schema.safeParse(item)
    return read.success ? [read.data] : []
  })
}

/** "Rua Augusta 150, Baixa, 1100-053 Lisboa, Portugal", from what Photon has of it. */
function photonLabel(p: z.infer<typeof PhotonProperties>): string {
  const street = p.street ? [p.street, p.housenumber].filter(Boolean).join(' ') : undefined
  const town = [p.postcode, p.city].filter(Boolean).join(' ')
  const parts = [p.name, street, p.district, town, p.country].filter(Boolean)
  return [...new Set(parts)].join(', ')
}

/** Places a shipment can take: named, and on the part of the map a position may be. */
function usable(places: StoredPlace[]): StoredPlace[] {
  return places.filter(
    (place) =>
      place.label.trim() !== '' &&
      Math.abs(place.lat) <= MAX_LATITUDE &&
      Math.abs(place.lng) <= 180 &&
      Number.isFinite(place.lat + place.lng),
  )
}
