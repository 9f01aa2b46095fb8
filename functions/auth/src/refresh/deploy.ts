import { defineFunction } from '@dropmate/runtime'
import { route } from './app'

/** The refresh-token Knative Service (knative/base/services/refresh-token.yaml is generated from this). */
export const deployment = defineFunction({ name: 'refresh-token', routes: [route] })
