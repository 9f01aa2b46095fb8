import { EVENT_TYPES, SHIPMENT_STATUSES } from '@dropmate/core'
import { ProblemError } from '@dropmate/runtime'
import type { CloudEvent } from 'cloudevents'
import { z } from 'zod'

/** What a receiver is told about; every other shipment event sends nothing. */
export type Notice =
  | { kind: 'assigned' }
  | { kind: 'on_its_way' }
  | { kind: 'delivered' }
  | { kind: 'failed'; reason: string | null }

const ShipmentEventData = z.object({
  shipmentId: z.uuid(),
  trackingNumber: z.string().min(1),
  status: z.enum(SHIPMENT_STATUSES),
  driverId: z.uuid().nullable(),
  to: z.enum(SHIPMENT_STATUSES).optional(),
  reason: z.string().nullable().optional(),
  previousDriverId: z.uuid().nullable().optional(),
})

export type ShipmentEventData = z.infer<typeof ShipmentEventData>

/**
 * The notice a shipment event calls for, or null. Only the first assignment is news to the
 * receiver: a reassignment is the dispatcher's business, as on the public tracking page.
 *
 * @example
 * noticeFor(event) // { notice: { kind: 'delivered' }, data: { shipmentId, … } }
 */
export function noticeFor(
  event: CloudEvent<unknown>,
): { notice: Notice; data: ShipmentEventData } | null {
  if (
    event.type !== EVENT_TYPES.shipmentAssigned &&
    event.type !== EVENT_TYPES.shipmentStatusChanged
  )
    return null
  const parsed = ShipmentEventData.safeParse(event.data)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    const detail = `data.${issue.path.join('.')} ${issue.message}`
    throw new ProblemError(400, 'invalid_shipment_event', detail)
  }
  const data = parsed.data
  const notice = event.type === EVENT_TYPES.shipmentAssigned ? assigned(data) : moved(data)
  return notice ? { notice, data } : null
}

function assigned(data: ShipmentEventData): Notice | null {
  return data.previousDriverId ? null : { kind: 'assigned' }
}

function moved(data: ShipmentEventData): Notice | null {
  switch (data.to ?? data.status) {
    case 'in_transit':
      return { kind: 'on_its_way' }
    case 'delivered':
      return { kind: 'delivered' }
    case 'failed':
      return { kind: 'failed', reason: data.reason ?? null }
    default:
      return null
  }
}
