import { defineFunction } from '@dropmate/runtime'
import { route } from './app'

/** The update-driver Knative Service (knative/base/services/update-driver.yaml is generated from this). */
export const deployment = defineFunction({ name: 'update-driver', routes: [route] })
