import { defineFunction } from '@dropmate/runtime'
import { shipmentEvents as app, route } from './app'

/** The shipment-events function: its app and how it deploys (knative:generate writes its YAML from this). */
export const shipmentEvents = defineFunction({ name: 'shipment-events', routes: [route], app })
