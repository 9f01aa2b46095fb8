import { defineFunction } from '@dropmate/runtime'
import { editShipment as app, route } from './app'

/** The edit-shipment function: its app and how it deploys (knative:generate writes its YAML from this). */
export const editShipment = defineFunction({ name: 'edit-shipment', routes: [route], app })
