import { defineFunction } from '@dropmate/runtime'
import { me as app, route } from './app'

/** The me function: its app and how it deploys (knative:generate writes its YAML from this). */
export const me = defineFunction({ name: 'me', routes: [route], app })
