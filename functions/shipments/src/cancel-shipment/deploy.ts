import { defineFunction } from '@dropmate/runtime'
import { route } from './app'

/** The cancel-shipment Knative Service (knative/base/services/cancel-shipment.yaml is generated from this). */
export const deployment = defineFunction({ name: 'cancel-shipment', routes: [route] })
