import { defineFunction } from '@dropmate/runtime'
import { route } from './app'

/** The get-shipment Knative Service (knative/base/services/get-shipment.yaml is generated from this). */
export const deployment = defineFunction({ name: 'get-shipment', routes: [route] })
