import { z } from 'zod'
import { Latitude, Longitude } from '../fields'

/** An address with its point, as address search and reverse geocoding answer it. */
export const Place = z.object({
  label: z.string().meta({ description: 'The address, as a person would write it' }),
  lat: Latitude,
  lng: Longitude,
})
export type Place = z.infer<typeof Place>

/** `GET /api/geocode/search`: suggestions for what was typed, best first. */
export const PlaceSuggestions = z.object({ items: z.array(Place) })
export type PlaceSuggestions = z.infer<typeof PlaceSuggestions>

/** `GET /api/geocode/reverse`: the address at a point, or null where there is none. */
export const PlaceAtPoint = z.object({ place: Place.nullable() })
export type PlaceAtPoint = z.infer<typeof PlaceAtPoint>
