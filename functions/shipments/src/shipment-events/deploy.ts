import { defineFunction } from '@dropmate/runtime'
import { route } from './app'

/** The shipment-events Knative Service (knative/base/services/shipment-events.yaml is generated from this). */
export const deployment = defineFunction({ name: 'shipment-events', routes: [route] })
