import type { ApiDeps } from '@dropmate/kit'
import { etaToDoor, mayShowDriverPosition } from '@dropmate/core'
import { findTrackingRow } from '@dropmate/db'
import { logger } from '@dropmate/runtime'
import { publicTrackingView } from './public-tracking'

/**
 * What the public tracking page shows for a (normalised) tracking number, or null when no
 * parcel has it: the redacted view, and while the parcel is on its way to this door the
 * driver's position and the arrival window.
 */
export async function trackingPage(
  deps: Pick<ApiDeps, 'sql' | 'trackingCache' | 'locations'>,
  trackingNumber: string,
) {
  // Unknown numbers are cached too, so a miss costs what a hit costs: no timing oracle.
  const view = await deps.trackingCache.read(trackingNumber, async () => {
    const row = await findTrackingRow(deps.sql, trackingNumber)
    if (!row) return null
    const { driverId, vehicleType, receiverLat, receiverLng } = row
    return {
      ...publicTrackingView(row),
      private: { driverId, vehicleType, receiverLat, receiverLng },
    }
  })
  if (!view) return null
  const { private: carrier, ...publicView } = view
  // The driver is shown, and the arrival estimated, only on the way to this door.
  const position =
    mayShowDriverPosition(view.status, 'public') && carrier.driverId
      ? await deps.locations.store.latest(carrier.driverId).catch(positionUnknown)
      : undefined
  return {
    ...publicView,
    // A view cached by a release before slots were shown has none: the next load brings it.
    deliveryWindow: publicView.deliveryWindow ?? null,
    eta: position ? etaToDoor(position, carrier, new Date()) : null,
    driverPosition: position
      ? { lat: position.lat, lng: position.lng, recordedAt: position.recordedAt.toISOString() }
      : null,
  }
}

/** The page still answers without the map when the location store is out. */
function positionUnknown(error: unknown): undefined {
  logger.warn({ err: error }, 'location store unavailable, tracking without the position')
  return undefined
}
