import { defineFunction } from '@dropmate/runtime'
import { route } from './app'

/** The assign-shipment Knative Service (knative/base/services/assign-shipment.yaml is generated from this). */
export const deployment = defineFunction({ name: 'assign-shipment', routes: [route] })
