import { defineFunction } from '@dropmate/runtime'
import { createShipment as app, route } from './app'

/** The create-shipment function: its app and how it deploys (knative:generate writes its YAML from this). */
export const createShipment = defineFunction({ name: 'create-shipment', routes: [route], app })
