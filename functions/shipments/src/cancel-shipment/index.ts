import { defineFunction } from '@dropmate/runtime'
import { cancelShipment as app, route } from './app'

/** The cancel-shipment function: its app and how it deploys (knative:generate writes its YAML from this). */
export const cancelShipment = defineFunction({ name: 'cancel-shipment', routes: [route], app })
