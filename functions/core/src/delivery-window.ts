import { isTerminal, type ShipmentStatus } from './status-machine'

/** A delivery slot promised to the receiver, as ISO 8601 instants. */
export interface DeliveryWindow {
  from: string
  to: string
}

// Shorter than the arrival estimate's own five-minute rounding on each side could never be
// told apart from a miss; longer than a day is not a slot but a date.
export const MIN_WINDOW_MS = 15 * 60_000
export const MAX_WINDOW_MS = 24 * 60 * 60_000

/**
 * What is wrong with a slot, or null when it is one a shop can promise: it ends after it
 * starts and lasts from a quarter of an hour to a day.
 *
 * @example
 * windowFault({ from: '2026-07-14T14:00:00Z', to: '2026-07-14T13:00:00Z' }) // 'must end after it starts'
 */
export function windowFault(window: DeliveryWindow): string | null {
  const length = Date.parse(window.to) - Date.parse(window.from)
  if (length <= 0) return 'must end after it starts'
  if (length < MIN_WINDOW_MS) return 'must last at least 15 minutes'
  if (length > MAX_WINDOW_MS) return 'must last at most 24 hours'
  return null
}

/**
 * Whether a parcel may miss its slot: the arrival window (eta.ts) ends after the slot does.
 * Its latest end already allows for traffic and the handover, so a parcel that can still
 * make it is not flagged, and one that may not is flagged while there is time to call.
 *
 * @example
 * runsPastSlot({ latest: '…T14:35:00Z' }, { to: new Date('…T14:30:00Z') }) // true
 */
export function runsPastSlot(eta: { latest: string }, slotEnd: Date): boolean {
  return Date.parse(eta.latest) > slotEnd.getTime()
}

/** How a shipment stands against its slot, as the dashboard flags it. */
export type SlotStanding = 'late' | 'at_risk' | null

/**
 * `late` once the slot has ended with the parcel not delivered (nor cancelled); `at_risk`
 * while a parcel marked at risk can still make it; null otherwise, and without a slot.
 *
 * @example
 * slotStanding({ status: 'in_transit', deliveryWindow, atRiskAt: null }, now) // 'late'
 */
export function slotStanding(
  shipment: {
    status: ShipmentStatus
    deliveryWindow: DeliveryWindow | null
    atRiskAt: string | null
  },
  now: Date,
): SlotStanding {
  const { status, deliveryWindow, atRiskAt } = shipment
  if (!deliveryWindow || isTerminal(status)) return null
  if (Date.parse(deliveryWindow.to) < now.getTime()) return 'late'
  return atRiskAt ? 'at_risk' : null
}
