import { shopTime } from '@dropmate/core'
import type { ShipmentView } from '../shipment-view'

/** What a label shows, as text: the drawing knows nothing of shipments. */
export interface LabelContent {
  trackingNumber: string
  trackingUrl: string
  reference: string | null
  receiverName: string
  receiverAddress: string
  senderName: string
  /** The promised delivery slot by the shop's clock, when one was promised. */
  window: string | null
}

/** A promised slot, as the REST view carries it once shipments have one. */
interface DeliveryWindow {
  from: string
  to: string
}

interface LabelSettings {
  /** Where the tracking pages are served (PUBLIC_URL). */
  publicUrl: string
  /** The shop's IANA time zone (SHOP_TIME_ZONE). */
  timeZone: string
}

/**
 * A shipment's label as the caller may see it: the QR code opens the same tracking page the
 * emails link to.
 *
 * @example
 * labelContent(view, { publicUrl: 'https://shop.example', timeZone: 'Europe/Lisbon' }).trackingUrl
 * // 'https://shop.example/track/DM7K3QX9B2MTP4'
 */
export function labelContent(
  shipment: ShipmentView & { deliveryWindow?: DeliveryWindow | null },
  { publicUrl, timeZone }: LabelSettings,
): LabelContent {
  const window = shipment.deliveryWindow
  return {
    trackingNumber: shipment.trackingNumber,
    trackingUrl: `${publicUrl}/track/${encodeURIComponent(shipment.trackingNumber)}`,
    reference: shipment.reference,
    receiverName: shipment.receiver.name,
    receiverAddress: shipment.receiver.address,
    senderName: shipment.sender.name,
    window: window ? shopTime(timeZone).between(window.from, window.to) : null,
  }
}
