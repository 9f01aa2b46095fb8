import { defineFunction } from '@dropmate/runtime'
import { route } from './app'

/** The logout Knative Service (knative/base/services/logout.yaml is generated from this). */
export const deployment = defineFunction({ name: 'logout', routes: [route] })
