import { defineFunction } from '@dropmate/runtime'
import { route } from './app'

/** The driver-positions Knative Service (knative/base/services/driver-positions.yaml is generated from this). */
export const deployment = defineFunction({ name: 'driver-positions', routes: [route] })
