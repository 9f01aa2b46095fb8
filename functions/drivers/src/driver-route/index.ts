import { defineFunction } from '@dropmate/runtime'
import { driverRoute as app, route } from './app'

/** The driver-route function: its app and how it deploys (knative:generate writes its YAML from this). */
export const driverRoute = defineFunction({ name: 'driver-route', routes: [route], app })
