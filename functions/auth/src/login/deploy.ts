import { defineFunction } from '@dropmate/runtime'
import { route } from './app'

/** The login Knative Service (knative/base/services/login.yaml is generated from this). */
export const deployment = defineFunction({
  name: 'login',
  routes: [route],
  scaling: {
    target: 3,
    containerConcurrency: 4,
    why:
      'Each sign-in runs scrypt (32 MiB, ~60 ms of CPU) on one of libuv’s 4 threads: more ' +
      'than 4 at once only queue inside the pod, so further ones go to another pod instead.',
  },
  resources: { cpu: '100m', memory: '160Mi' },
})
