import { defineFunction } from '@dropmate/runtime'
import { listDrivers as app, route } from './app'

/** The list-drivers function: its app and how it deploys (knative:generate writes its YAML from this). */
export const listDrivers = defineFunction({ name: 'list-drivers', routes: [route], app })
