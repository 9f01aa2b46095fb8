import { defineFunction } from '@dropmate/runtime'
import { route } from './app'

/** The create-shipment Knative Service (knative/base/services/create-shipment.yaml is generated from this). */
export const deployment = defineFunction({ name: 'create-shipment', routes: [route] })
