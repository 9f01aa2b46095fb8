import { recentFixes, toJsonText, type ApiDeps, type JsonText } from '@dropmate/kit'
import type { TrackingView } from '@dropmate/contracts/rest/tracking'
import { etaToDoor, mayShowDriverPosition } from '@dropmate/core'
import { findTrackingRow } from '@dropmate/db'
import { logger } from '@dropmate/runtime'
import { publicTrackingView } from './public-tracking'

/**
 * What the public tracking page shows for a (normalised) tracking number, as JSON text, or
 * null when no parcel has it: the redacted view, and while the parcel is on its way to this
 * door the driver's position (at most a second older than the store's) and the arrival
 * window. Make one per process: it keeps the drivers' positions it read.
 */
export function trackingPages(deps: Pick<ApiDeps, 'sql' | 'trackingCache' | 'locations'>) {
  const fixOf = recentFixes(deps.locations.store)
  return async (trackingNumber: string): Promise<JsonText<TrackingView> | null> => {
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
    const { private: carrier } = view
    // The driver is shown, and the arrival estimated, only on the way to this door.
    const position =
      mayShowDriverPosition(view.status, 'public') && carrier.driverId
        ? await fixOf(carrier.driverId).catch(positionUnknown)
        : undefined
    if (!position) return pageWithoutDriver(view)
    return pageText(view, {
      eta: etaToDoor(position, carrier, new Date()),
      driverPosition: {
        lat: position.lat,
        lng: position.lng,
        recordedAt: position.recordedAt.toISOString(),
      },
    })
  }
}

type CachedView = ReturnType<typeof publicTrackingView> & { private: unknown }

/**
 * Most pages show no driver (a parcel not yet or no longer on its way): their text is made
 * once per cached view, which a change replaces, instead of once per lookup (2 µs of one).
 */
const withoutDriver = new WeakMap<CachedView, JsonText<TrackingView>>()

function pageWithoutDriver(view: CachedView): JsonText<TrackingView> {
  let text = withoutDriver.get(view)
  if (text === undefined) {
    text = pageText(view, { eta: null, driverPosition: null })
    withoutDriver.set(view, text)
  }
  return text
}

function pageText(
  { private: _carrier, ...publicView }: CachedView,
  live: Pick<TrackingView, 'eta' | 'driverPosition'>,
): JsonText<TrackingView> {
  return toJsonText<TrackingView>({
    ...publicView,
    // A view cached by a release before slots were shown has none: the next load brings it.
    deliveryWindow: publicView.deliveryWindow ?? null,
    ...live,
  })
}

/** The page still answers without the map when the location store is out. */
function positionUnknown(error: unknown): undefined {
  logger.warn({ err: error }, 'location store unavailable, tracking without the position')
  return undefined
}
