import { defineFunction } from '@dropmate/runtime'
import { getShipmentProof as app, route } from './app'

/** The get-shipment-proof function: its app and how it deploys (knative:generate writes its YAML from this). */
export const getShipmentProof = defineFunction({ name: 'get-shipment-proof', routes: [route], app })
