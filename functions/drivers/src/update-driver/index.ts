import { defineFunction } from '@dropmate/runtime'
import { updateDriver as app, route } from './app'

/** The update-driver function: its app and how it deploys (knative:generate writes its YAML from this). */
export const updateDriver = defineFunction({ name: 'update-driver', routes: [route], app })
