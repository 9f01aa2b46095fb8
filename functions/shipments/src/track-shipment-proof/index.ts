import { defineFunction } from '@dropmate/runtime'
import { trackShipmentProof as app, route } from './app'

/** The track-shipment-proof function: its app and how it deploys (knative:generate writes its YAML from this). */
export const trackShipmentProof = defineFunction({
  name: 'track-shipment-proof',
  routes: [route],
  app,
})
