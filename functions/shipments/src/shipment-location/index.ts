import { defineFunction } from '@dropmate/runtime'
import { shipmentLocation as app, route } from './app'

/** The shipment-location function: its app and how it deploys (knative:generate writes its YAML from this). */
export const shipmentLocation = defineFunction({ name: 'shipment-location', routes: [route], app })
