import { defineFunction } from '@dropmate/runtime'
import { listShipmentsApp as app, route } from './app'

/** The list-shipments function: its app and how it deploys (knative:generate writes its YAML from this). */
export const listShipments = defineFunction({ name: 'list-shipments', routes: [route], app })
