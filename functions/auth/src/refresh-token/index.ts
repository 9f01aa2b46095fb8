import { defineFunction } from '@dropmate/runtime'
import { refresh as app, route } from './app'

/** The refresh-token function: its app and how it deploys (knative:generate writes its YAML from this). */
export const refreshToken = defineFunction({ name: 'refresh-token', routes: [route], app })
