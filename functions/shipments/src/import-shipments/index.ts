import { defineFunction } from '@dropmate/runtime'
import type { ApiDeps } from '@dropmate/kit'
import { importShipmentsApp, route } from './app'
import type { Geocode } from './check-row'
import { importTemplateApp, templateRoute } from './template-app'

/**
 * The import-shipments function: the CSV import and its template. Its timeout is long: 5,000
 * rows, geocoded, take a while, and a streamed import reports progress all along.
 */
export const importShipments = defineFunction({
  name: 'import-shipments',
  routes: [route, templateRoute],
  app: (deps: ApiDeps) =>
    importTemplateApp(deps).route('/', importShipmentsApp(deps, geocodeWith(deps))),
  timeoutSeconds: 300,
})

/**
 * The deployment's geocoder (GEOCODER_URL) as the import asks it: the best match for an
 * address, the shop's known places first, or none. Without one, rows need coordinates.
 */
function geocodeWith(deps: ApiDeps): Geocode | null {
  if (!deps.config.GEOCODER_URL) return null
  return async (address) => {
    const [best] = await deps.geocoder.search(address, { limit: 1, known: true })
    return best ? { lat: best.lat, lng: best.lng } : null
  }
}
