import type { AnyApp, ApiDeps } from '@dropmate/api'
import { createUserAccount, login, logout, me, refresh } from '@dropmate/auth'
import { brokerIngress } from '@dropmate/broker'
import { ConfigError } from '@dropmate/core'
import { createDriverAccount, listDrivers, updateDriver } from '@dropmate/drivers'
import { driverPositions, ingestLocations, nearbyDrivers } from '@dropmate/locations'
import { notifyReceiver, unsubscribeNotifications } from '@dropmate/notify'
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
  'notify-receiver': (deps) => notifyReceiver(deps),
}

/** Processes that are not API functions but deploy the same way. */
export const SERVICES: Record<string, (deps: ApiDeps) => AnyApp> = {
  // Alone, the ingress appends to the shared Redis log the dispatcher Deployment reads.
  'broker-ingress': (deps) => {
    if (!deps.redis) throw new ConfigError('REDIS_URL must be set for broker-ingress')
    // Behind Knative's queue-proxy every request comes from loopback: only a token tells.
    if (!deps.config.BROKER_TOKEN)
      throw new ConfigError('BROKER_TOKEN must be set for broker-ingress')
    return brokerIngress({ transport: deps.events, config: deps.config })
  },
}
