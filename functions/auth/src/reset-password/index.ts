import { defineFunction } from '@dropmate/runtime'
import { resetPasswordApp as app, route } from './app'

/** The reset-password function: its app and how it deploys (knative:generate writes its YAML from this). */
export const resetPassword = defineFunction({
  name: 'reset-password',
  routes: [route],
  app,
  scaling: {
    maxScale: 2,
    target: 3,
    containerConcurrency: 4,
    why: 'Admins reset a password now and then; each hashes it with scrypt (32 MiB).',
  },
  resources: { memory: '160Mi' },
})
