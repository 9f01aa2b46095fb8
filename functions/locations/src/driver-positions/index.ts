import { defineFunction } from '@dropmate/runtime'
import { driverPositions as app, route } from './app'

/** The driver-positions function: its app and how it deploys (knative:generate writes its YAML from this). */
export const driverPositions = defineFunction({ name: 'driver-positions', routes: [route], app })
