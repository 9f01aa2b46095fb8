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
import { getShipmentProof } from './get-shipment-proof'
import { importShipments } from './import-shipments'
import { listShipments } from './list-shipments'
import { printLabels } from './print-labels'
import { requestProofUploads } from './request-proof-uploads'
import { shipmentEvents } from './shipment-events'
import { shipmentLocation } from './shipment-location'
import { trackShipment } from './track-shipment'
import { trackShipmentProof } from './track-shipment-proof'

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
  getShipmentProof,
  importShipments,
  listShipments,
  printLabels,
  requestProofUploads,
  shipmentEvents,
  shipmentLocation,
  trackShipment,
  trackShipmentProof,
}
export { sweepAbandonedUploads, sweepExpiredProofs } from './sweep-proofs'

/** The shipment functions, in the order their routes are mounted. */
export const functions = [
  // before the /api/shipments/{id}/... routes: "track" is not an id
  trackShipment,
  trackShipmentProof,
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
  requestProofUploads,
  getShipmentProof,
] as const
