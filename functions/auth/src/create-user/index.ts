import { defineFunction } from '@dropmate/runtime'
import { createUserAccount as app, route } from './app'

/** The create-user function: its app and how it deploys (knative:generate writes its YAML from this). */
export const createUser = defineFunction({
  name: 'create-user',
  routes: [route],
  app,
  scaling: {
    maxScale: 2,
    target: 3,
    containerConcurrency: 4,
    why: 'Admins create accounts now and then; each hashes a password with scrypt (32 MiB).',
  },
  resources: { memory: '160Mi' },
})
