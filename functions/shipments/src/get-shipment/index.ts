import { defineFunction } from '@dropmate/runtime'
import { getShipment as app, route } from './app'

/** The get-shipment function: its app and how it deploys (knative:generate writes its YAML from this). */
export const getShipment = defineFunction({ name: 'get-shipment', routes: [route], app })
