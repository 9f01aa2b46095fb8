import { defineFunction } from '@dropmate/runtime'
import { assignShipment as app, route } from './app'

/** The assign-shipment function: its app and how it deploys (knative:generate writes its YAML from this). */
export const assignShipment = defineFunction({ name: 'assign-shipment', routes: [route], app })
