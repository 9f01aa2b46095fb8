import { defineFunction } from '@dropmate/runtime'
import { exportShipmentsApp as app, route } from './app'

/** The export-shipments function: the filtered list as a CSV download. */
export const exportShipments = defineFunction({ name: 'export-shipments', routes: [route], app })
