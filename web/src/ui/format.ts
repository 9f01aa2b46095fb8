import type { TrackingView } from '@dropmate/contracts/rest/tracking'
import type { ShipmentStatus } from '@dropmate/core/status-machine'

/** Staff words for each status. */
export const STATUS_LABEL: Record<ShipmentStatus, string> = {
  pending: 'Pending',
  assigned: 'Assigned',
  picked_up: 'Picked up',
  in_transit: 'In transit',
  delivered: 'Delivered',
  failed: 'Failed',
  cancelled: 'Cancelled',
}

/** What a customer reads for each status. */
export const PUBLIC_STATUS: Record<ShipmentStatus, string> = {
  pending: 'Order received',
  assigned: 'Driver assigned',
  picked_up: 'Picked up',
  in_transit: 'Out for delivery',
  delivered: 'Delivered',
  failed: 'Delivery attempt failed',
  cancelled: 'Cancelled',
}

type TimelineStatus = TrackingView['timeline'][number]['status']

/**
 * What a customer reads for an entry of the tracking timeline, which also says when the
 * driver came within reach of the door (`arriving`, no status of the shipment).
 *
 * @example
 * publicTimelineLabel('arriving') // 'Driver nearby'
 */
export function publicTimelineLabel(status: TimelineStatus): string {
  if (status === 'arriving') return 'Driver nearby'
  return status ? PUBLIC_STATUS[status] : 'Update'
}

const time = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' })
const dateTime = new Intl.DateTimeFormat(undefined, {
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
})

export const formatTime = (iso: string) => time.format(new Date(iso))
export const formatDateTime = (iso: string) => dateTime.format(new Date(iso))

export function formatDistance(metres: number): string {
  return metres < 1000 ? `${Math.round(metres)} m` : `${(metres / 1000).toFixed(1)} km`
}

/** "just now", "3 min ago", "2 h ago" */
export function formatAgo(iso: string, now = Date.now()): string {
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000))
  if (seconds < 45) return 'just now'
  if (seconds < 3600) return `${Math.round(seconds / 60)} min ago`
  if (seconds < 86_400) return `${Math.round(seconds / 3600)} h ago`
  return formatDateTime(iso)
}

export const VEHICLE_LABEL: Record<string, string> = {
  on_foot: 'On foot',
  bicycle: 'Bicycle',
  cargo_bike: 'Cargo bike',
  scooter: 'Scooter',
  motorcycle: 'Motorcycle',
  car: 'Car',
  van: 'Van',
}
