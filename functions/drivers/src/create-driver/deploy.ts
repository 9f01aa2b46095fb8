import { defineFunction } from '@dropmate/runtime'
import { route } from './app'

/** The create-driver Knative Service (knative/base/services/create-driver.yaml is generated from this). */
export const deployment = defineFunction({ name: 'create-driver', routes: [route] })
