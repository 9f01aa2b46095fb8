import { defineFunction } from '@dropmate/runtime'
import { reverseGeocode as app, route } from './app'

/** The reverse-geocode function: its app and how it deploys (knative:generate writes its YAML from this). */
export const reverseGeocode = defineFunction({ name: 'reverse-geocode', routes: [route], app })
