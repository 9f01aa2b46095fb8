import { defineFunction, ProblemError } from '@dropmate/runtime'
import type { ApiDeps } from '@dropmate/kit'
import { importShipmentsApp, route } from './app'
import type { Geocode } from './check-row'
import { importTemplateApp, templateRoute } from './template-app'
import { setTimeout as sleep } from 'node:timers/promises'

// How long an import waits before asking a busy geocoder again: about its one-a-second pace.
const BUSY_RETRY_MS = 1_000

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
    for (;;) {
      try {
        const [best] = await deps.geocoder.search(address, { limit: 1, known: true })
        return best ? { lat: best.lat, lng: best.lng } : null
      } catch (error) {
        // Someone typing is told the geocoder is busy; an import waits its turn instead.
        if (!(error instanceof ProblemError && error.code === 'geocoder_busy')) throw error
        await sleep(BUSY_RETRY_MS)
      }
    }
  }
}
