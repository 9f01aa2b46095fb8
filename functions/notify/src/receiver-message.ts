import type { ApiDeps, LocationStore } from '@dropmate/kit'
import { etaToDoor } from '@dropmate/core'
import { findNotificationTarget, type NotificationTarget } from '@dropmate/db'
import { logger } from '@dropmate/runtime'
import type { Noticed } from './notice'
import type { TemplateInput } from './templates'

/** A notice about to be sent to a shipment's receiver, on whichever channels it goes. */
export interface ReceiverMessage {
  target: NotificationTarget
  content: TemplateInput
  unsubscribeUrl: string
}

/**
 * What a notice says to the shipment's receiver, read once for every channel: their
 * shipment, the links, and the arrival window when the parcel is on its way. Undefined when
 * the shipment is gone.
 */
export async function receiverMessage(
  { deps, store }: { deps: Pick<ApiDeps, 'sql' | 'config'>; store: LocationStore },
  { notice, shipmentId, driverId }: Noticed,
): Promise<ReceiverMessage | undefined> {
  const target = await findNotificationTarget(deps.sql, shipmentId)
  if (!target) return undefined
  const base = deps.config.PUBLIC_URL
  const tracking = encodeURIComponent(target.trackingNumber)
  const unsubscribeUrl = `${base}/api/shipments/track/${tracking}/unsubscribe`
  const content = {
    notice,
    trackingNumber: target.trackingNumber,
    receiverName: target.receiverName,
    driverFirstName: target.driverName?.split(/\s+/)[0] ?? null,
    eta: notice.kind === 'on_its_way' ? await etaOf(store, target, driverId) : null,
    trackingUrl: `${base}/track/${tracking}`,
    unsubscribeUrl,
    timeZone: deps.config.SHOP_TIME_ZONE,
  }
  return { target, content, unsubscribeUrl }
}

/** The arrival window from the driver's last position; none when it is unknown. */
async function etaOf(store: LocationStore, target: NotificationTarget, driverId: string | null) {
  if (!driverId) return null
  const position = await store.latest(driverId).catch((error: unknown) => {
    logger.warn({ err: error }, 'location store unavailable, telling without the arrival')
    return undefined
  })
  return position ? etaToDoor(position, target, new Date()) : null
}
