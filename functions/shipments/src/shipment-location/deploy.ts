import { defineFunction } from '@dropmate/runtime'
import { route } from './app'

/** The shipment-location Knative Service (knative/base/services/shipment-location.yaml is generated from this). */
export const deployment = defineFunction({ name: 'shipment-location', routes: [route] })
