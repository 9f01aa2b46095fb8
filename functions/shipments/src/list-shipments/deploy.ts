import { defineFunction } from '@dropmate/runtime'
import { route } from './app'

/** The list-shipments Knative Service (knative/base/services/list-shipments.yaml is generated from this). */
export const deployment = defineFunction({ name: 'list-shipments', routes: [route] })
