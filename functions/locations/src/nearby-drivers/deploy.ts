import { defineFunction } from '@dropmate/runtime'
import { route } from './app'

/** The nearby-drivers Knative Service (knative/base/services/nearby-drivers.yaml is generated from this). */
export const deployment = defineFunction({ name: 'nearby-drivers', routes: [route] })
