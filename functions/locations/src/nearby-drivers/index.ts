import { defineFunction } from '@dropmate/runtime'
import { nearbyDrivers as app, route } from './app'

/** The nearby-drivers function: its app and how it deploys (knative:generate writes its YAML from this). */
export const nearbyDrivers = defineFunction({ name: 'nearby-drivers', routes: [route], app })
