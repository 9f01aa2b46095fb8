import { createUserAccount, login, logout, me, refresh } from '@dropmate/auth'
import { brokerIngressService } from '@dropmate/broker'
import { ConfigError } from '@dropmate/core'
import { createDriverAccount, listDrivers, updateDriver } from '@dropmate/drivers'
import { driverPositions, ingestLocations, nearbyDrivers } from '@dropmate/locations'
import { notifyReceiver, unsubscribeNotifications } from '@dropmate/notify'
import * as shipments from '@dropmate/shipments'
import type { AppBuilder } from './function-server'

/**
 * Every API function by its deployed name (its Knative Service), in the order their routes
 * must match when mounted together. Each is an export of the `app.ts` beside the function's
 * `deploy.ts`, which a function's bundle imports alone.
 */
export const FUNCTIONS: Record<string, AppBuilder> = {
  login,
  'refresh-token': refresh,
  logout,
  me,
  'create-user': createUserAccount,
  // before the /api/shipments/{id}/... routes: "track" is not an id
  'track-shipment': shipments.trackShipment,
  'unsubscribe-notifications': unsubscribeNotifications,
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
  'nearby-drivers': nearbyDrivers,
  'driver-positions': driverPositions,
  'ingest-locations': ingestLocations,
  // Only the broker's dispatcher posts here (knative/triggers/notify.yaml).
  'notify-receiver': notifyReceiver,
}

/** Processes that are not API functions but deploy the same way. */
export const SERVICES: Record<string, AppBuilder> = {
  'broker-ingress': brokerIngressService,
}

/** The function or service called `name`; a ConfigError listing the names otherwise. */
export function functionNamed(name: string): AppBuilder {
  const build = FUNCTIONS[name] ?? SERVICES[name]
  if (build) return build
  const known = [...Object.keys(FUNCTIONS), ...Object.keys(SERVICES)].join(', ')
  throw new ConfigError(`FUNCTION must name a function (got "${name}"); one of: ${known}`)
}
