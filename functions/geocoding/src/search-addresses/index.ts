import { defineFunction } from '@dropmate/runtime'
import { searchAddresses as app, route } from './app'

/** The search-addresses function: its app and how it deploys (knative:generate writes its YAML from this). */
export const searchAddresses = defineFunction({ name: 'search-addresses', routes: [route], app })
