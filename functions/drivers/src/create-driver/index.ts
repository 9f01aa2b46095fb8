import { defineFunction } from '@dropmate/runtime'
import { createDriverAccount as app, route } from './app'

/** The create-driver function: its app and how it deploys (knative:generate writes its YAML from this). */
export const createDriver = defineFunction({ name: 'create-driver', routes: [route], app })
