import { slotStanding } from '@dropmate/core/delivery-window'
import type { Shipment } from '@dropmate/contracts/rest'

const LABEL = { late: 'Late', at_risk: 'At risk' } as const

/** "Late" once the slot has passed undelivered, "At risk" when the arrival runs past it. */
export function SlotFlag({ shipment, now }: { shipment: Shipment; now: number }) {
  const standing = slotStanding(shipment, new Date(now))
  if (!standing) return null
  return <span class={`chip slot-${standing}`}>{LABEL[standing]}</span>
}
