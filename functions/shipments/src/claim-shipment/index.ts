import { defineFunction } from '@dropmate/runtime'
import { claimShipment as app, route } from './app'

/** The claim-shipment function: its app and how it deploys (knative:generate writes its YAML from this). */
export const claimShipment = defineFunction({ name: 'claim-shipment', routes: [route], app })
