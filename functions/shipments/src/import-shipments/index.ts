import { defineFunction } from '@dropmate/runtime'
import type { ApiDeps } from '@dropmate/kit'
import { importShipmentsApp, route } from './app'
import { importTemplateApp, templateRoute } from './template-app'

/**
 * The import-shipments function: the CSV import and its template. Its timeout is long: 5,000
 * rows, geocoded, take a while, and a streamed import reports progress all along.
 */
export const importShipments = defineFunction({
  name: 'import-shipments',
  routes: [route, templateRoute],
  app: (deps: ApiDeps) => importTemplateApp(deps).route('/', importShipmentsApp(deps)),
  timeoutSeconds: 300,
})
