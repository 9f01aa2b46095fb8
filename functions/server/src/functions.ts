import type { AnyApp, ApiDeps } from '@dropmate/api'
import { createUserAccount, login, logout, me, refresh } from '@dropmate/auth'
import { createDriverAccount, listDrivers, updateDriver } from '@dropmate/drivers'
import * as shipments from '@dropmate/shipments'

/**
 * Every API function by its deployed name (its Knative Service), in the order their routes
 * must match when mounted together.
 */
export const FUNCTIONS: Record<string, (deps: ApiDeps) => AnyApp> = {
  login,
  'refresh-token': refresh,
  logout,
  me,
  'create-user': createUserAccount,
  // before the /api/shipments/{id}/... routes: "track" is not an id
  'track-shipment': shipments.trackShipment,
  'list-shipments': shipments.listShipments,
  'create-shipment': shipments.createShipment,
  'get-shipment': shipments.getShipment,
  'change-shipment-status': shipments.changeShipmentStatus,
  'assign-shipment': shipments.assignShipment,
  'claim-shipment': shipments.claimShipment,
  'cancel-shipment': shipments.cancelShipment,
  'shipment-events': shipments.shipmentEvents,
  'shipment-location': shipments.shipmentLocation,
  'list-drivers': listDrivers,
  'create-driver': createDriverAccount,
  'update-driver': updateDriver,
}
