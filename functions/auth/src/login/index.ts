import { defineFunction } from '@dropmate/runtime'
import { login as app, route } from './app'

/** The login function: its app and how it deploys (knative:generate writes its YAML from this). */
export const login = defineFunction({
  name: 'login',
  routes: [route],
  app,
  scaling: {
    target: 3,
    containerConcurrency: 4,
    why:
      'Each sign-in runs scrypt (32 MiB, ~60 ms of CPU) on one of libuv’s 4 threads: more ' +
      'than 4 at once only queue inside the pod, so further ones go to another pod instead.',
  },
  resources: { cpu: '100m', memory: '160Mi' },
})
