import { EVENT_TYPES } from '@dropmate/contracts/event-types'
import {
  ShipmentArrivingData,
  ShipmentAssignedData,
  ShipmentEditedData,
  ShipmentStatusChangedData,
} from '@dropmate/contracts/shipment-events'
import { eventDataIssue, ProblemError } from '@dropmate/runtime'
import type { CloudEvent } from 'cloudevents'
import type { z } from 'zod'

/** What a receiver is told about; every other shipment event sends nothing. */
export type Notice =
  | { kind: 'assigned' }
  | { kind: 'on_its_way' }
  | { kind: 'arriving'; closeBySince: string }
  | { kind: 'delivered' }
  | { kind: 'failed'; reason: string | null }
  | { kind: 'slot_moved'; slot: { from: string; to: string } }

/** A notice, with the shipment it is about and its driver. */
export interface Noticed {
  notice: Notice
  shipmentId: string
  driverId: string | null
}

/**
 * The notice a shipment event calls for, or null. Only the first assignment is news to the
 * receiver: a reassignment is the dispatcher's business, as on the public tracking page. Of
 * edits, only a new delivery slot is: the receiver is who it was promised to.
 *
 * @example
 * noticeFor(event) // { notice: { kind: 'delivered' }, shipmentId, driverId }
 */
export function noticeFor(event: CloudEvent<unknown>): Noticed | null {
  switch (event.type) {
    case EVENT_TYPES.shipmentAssigned: {
      const data = parse(ShipmentAssignedData, event)
      return data.previousDriverId ? null : about(data, { kind: 'assigned' })
    }
    case EVENT_TYPES.shipmentStatusChanged: {
      const data = parse(ShipmentStatusChangedData, event)
      const notice = moved(data)
      return notice ? about(data, notice) : null
    }
    case EVENT_TYPES.shipmentArriving: {
      const data = parse(ShipmentArrivingData, event)
      return about(data, { kind: 'arriving', closeBySince: data.at })
    }
    case EVENT_TYPES.shipmentEdited: {
      const data = parse(ShipmentEditedData, event)
      // A slot taken away promises nothing new; the shop tells the receiver itself.
      const slot = data.changed.includes('deliveryWindow') ? data.deliveryWindow : null
      return slot ? about(data, { kind: 'slot_moved', slot }) : null
    }
    default:
      return null
  }
}

function parse<T>(schema: z.ZodType<T>, event: CloudEvent<unknown>): T {
  const parsed = schema.safeParse(event.data)
  if (parsed.success) return parsed.data
  throw new ProblemError('invalid_shipment_event', eventDataIssue(parsed.error.issues, event.data))
}

function about(data: { shipmentId: string; driverId: string | null }, notice: Notice): Noticed {
  return { notice, shipmentId: data.shipmentId, driverId: data.driverId }
}

function moved(data: ShipmentStatusChangedData): Notice | null {
  switch (data.to) {
    case 'in_transit':
      return { kind: 'on_its_way' }
    case 'delivered':
      return { kind: 'delivered' }
    case 'failed':
      return { kind: 'failed', reason: data.reason }
    default:
      return null
  }
}
