import { defineFunction } from '@dropmate/runtime'
import { route } from './app'

/** The change-shipment-status Knative Service (knative/base/services/change-shipment-status.yaml is generated from this). */
export const deployment = defineFunction({ name: 'change-shipment-status', routes: [route] })
