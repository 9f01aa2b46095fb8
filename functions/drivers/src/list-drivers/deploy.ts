import { defineFunction } from '@dropmate/runtime'
import { route } from './app'

/** The list-drivers Knative Service (knative/base/services/list-drivers.yaml is generated from this). */
export const deployment = defineFunction({ name: 'list-drivers', routes: [route] })
