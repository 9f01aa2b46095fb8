import { defineFunction } from '@dropmate/runtime'
import { route } from './app'

/** The create-user Knative Service (knative/base/services/create-user.yaml is generated from this). */
export const deployment = defineFunction({
  name: 'create-user',
  routes: [route],
  scaling: {
    maxScale: 2,
    target: 3,
    containerConcurrency: 4,
    why: 'Admins create accounts now and then; each hashes a password with scrypt (32 MiB).',
  },
  resources: { memory: '160Mi' },
})
