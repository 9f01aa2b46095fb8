import { analyticsReports } from './analytics-reports'
import { assignShipment } from './assign-shipment'
import { cancelShipment } from './cancel-shipment'
import { changeShipmentStatus } from './change-shipment-status'
import { claimShipment } from './claim-shipment'
import { createShipment } from './create-shipment'
import { exportAnalytics } from './export-analytics'
import { exportShipments } from './export-shipments'
import { editShipment } from './edit-shipment'
import { getShipment } from './get-shipment'
import { importShipments } from './import-shipments'
import { listShipments } from './list-shipments'
import { printLabels } from './print-labels'
import { shipmentEvents } from './shipment-events'
import { shipmentLocation } from './shipment-location'
import { trackShipment } from './track-shipment'

export {
  analyticsReports,
  assignShipment,
  cancelShipment,
  changeShipmentStatus,
  claimShipment,
  createShipment,
  exportAnalytics,
  exportShipments,
  editShipment,
  getShipment,
  importShipments,
  listShipments,
  printLabels,
  shipmentEvents,
  shipmentLocation,
  trackShipment,
}

/** The shipment functions, in the order their routes are mounted. */
export const functions = [
  // before the /api/shipments/{id}/... routes: "track" is not an id
  trackShipment,
  listShipments,
  createShipment,
  // before /api/shipments/{id}: "import" is not an id
  exportShipments,
  importShipments,
  getShipment,
  editShipment,
  changeShipmentStatus,
  assignShipment,
  claimShipment,
  cancelShipment,
  shipmentEvents,
  shipmentLocation,
  printLabels,
  analyticsReports,
  exportAnalytics,
] as const
