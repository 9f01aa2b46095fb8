import { Place, PlaceAtPoint, PlaceSuggestions } from '@dropmate/contracts/rest/places'
import { z } from '@hono/zod-openapi'

export const PlaceSchema = Place.openapi('Place')
export const PlaceSuggestionsSchema = PlaceSuggestions.extend({ items: z.array(PlaceSchema) })
export const PlaceAtPointSchema = PlaceAtPoint.extend({ place: PlaceSchema.nullable() })

/** Who may look addresses up: staff and customers; drivers have no address form. */
export const GEOCODING_ROLES = ['admin', 'dispatcher', 'customer'] as const
