import { defineFunction } from '@dropmate/runtime'
import { route } from './app'

/** The me Knative Service (knative/base/services/me.yaml is generated from this). */
export const deployment = defineFunction({ name: 'me', routes: [route] })
