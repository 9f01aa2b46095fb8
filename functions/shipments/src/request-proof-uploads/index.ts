import { defineFunction } from '@dropmate/runtime'
import { requestProofUploads as app, route } from './app'

/** The request-proof-uploads function: its app and how it deploys (knative:generate writes its YAML from this). */
export const requestProofUploads = defineFunction({
  name: 'request-proof-uploads',
  routes: [route],
  app,
})
