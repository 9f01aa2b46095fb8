import { defineFunction } from '@dropmate/runtime'
import { route } from './app'

/** The claim-shipment Knative Service (knative/base/services/claim-shipment.yaml is generated from this). */
export const deployment = defineFunction({ name: 'claim-shipment', routes: [route] })
