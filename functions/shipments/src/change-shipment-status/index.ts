import { defineFunction } from '@dropmate/runtime'
import { changeShipmentStatus as app, route } from './app'

/** The change-shipment-status function: its app and how it deploys (knative:generate writes its YAML from this). */
export const changeShipmentStatus = defineFunction({
  name: 'change-shipment-status',
  routes: [route],
  app,
})
