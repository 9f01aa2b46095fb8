import { defineFunction } from '@dropmate/runtime'
import { shipmentProof as app, route } from './app'

/** The shipment-proof function: its app and how it deploys (knative:generate writes its YAML from this). */
export const shipmentProof = defineFunction({ name: 'shipment-proof', routes: [route], app })
