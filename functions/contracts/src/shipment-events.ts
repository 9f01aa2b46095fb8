import { SHIPMENT_STATUSES } from '@dropmate/core/status-machine'
import { z } from 'zod'
import { builder } from './envelope'
import { EVENT_TYPES } from './event-types'
import { Id, Timestamp } from './fields'

const Status = z.enum(SHIPMENT_STATUSES)

/**
 * What every shipment event says of the shipment as the change left it: ids and states,
 * never contact details (consumers that need those read them with their own permissions).
 */
const ShipmentFacts = z.object({
  shipmentId: Id,
  trackingNumber: z.string().min(1),
  status: Status,
  driverId: Id.nullable(),
  customerId: Id.nullable(),
  /** Grows with every change: a consumer keeps the highest it has seen. */
  version: z.number().int().min(1),
  at: Timestamp,
})

type ShipmentFacts = z.infer<typeof ShipmentFacts>

/**
 * What the shipment events say of a shipment, from its record as the change left it.
 *
 * @example
 * shipmentEvents.created(source, factsOf(shipment))
 */
export function factsOf(shipment: {
  id: string
  trackingNumber: string
  status: ShipmentFacts['status']
  driverId: string | null
  customerId: string | null
  version: number
  updatedAt: Date
}): ShipmentFacts {
  return {
    shipmentId: shipment.id,
    trackingNumber: shipment.trackingNumber,
    status: shipment.status,
    driverId: shipment.driverId,
    customerId: shipment.customerId,
    version: shipment.version,
    at: shipment.updatedAt.toISOString(),
  }
}

/** `data` of com.dropmate.shipment.created.v1. */
export const ShipmentCreatedData = ShipmentFacts
export type ShipmentCreatedData = z.infer<typeof ShipmentCreatedData>

/** `data` of com.dropmate.shipment.status_changed.v1: the move, and the reason given for it. */
export const ShipmentStatusChangedData = ShipmentFacts.extend({
  from: Status,
  to: Status,
  reason: z.string().nullable(),
})
export type ShipmentStatusChangedData = z.infer<typeof ShipmentStatusChangedData>

/** `data` of com.dropmate.shipment.assigned.v1: null `previousDriverId` is a first assignment. */
export const ShipmentAssignedData = ShipmentFacts.extend({ previousDriverId: Id.nullable() })
export type ShipmentAssignedData = z.infer<typeof ShipmentAssignedData>

/**
 * `data` of com.dropmate.shipment.arriving.v1: the driver came within reach of the door
 * (ARRIVAL_RADIUS_M), once per shipment; `at` is the device time of that fix.
 */
export const ShipmentArrivingData = z.object({
  shipmentId: Id,
  trackingNumber: z.string().min(1),
  driverId: Id,
  customerId: Id.nullable(),
  at: Timestamp,
})
export type ShipmentArrivingData = z.infer<typeof ShipmentArrivingData>

/** A delivery slot as events carry it. */
const Window = z.object({ from: Timestamp, to: Timestamp })

/**
 * `data` of com.dropmate.shipment.edited.v1: which fields changed (by their REST names, such
 * as `receiver.address` or `deliveryWindow`), and the slot before and after, so a consumer
 * can tell the receiver their slot moved without reading the shipment.
 */
export const ShipmentEditedData = ShipmentFacts.extend({
  changed: z.array(z.string()).min(1),
  deliveryWindow: Window.nullable(),
  previousDeliveryWindow: Window.nullable(),
})
export type ShipmentEditedData = z.infer<typeof ShipmentEditedData>

/**
 * `data` of com.dropmate.shipment.at_risk.v1: the arrival window (`eta`) computed from the
 * driver's position ends after the promised slot; sent once per shipment.
 */
export const ShipmentAtRiskData = ShipmentFacts.extend({
  deliveryWindow: Window,
  eta: z.object({ earliest: Timestamp, latest: Timestamp }),
})
export type ShipmentAtRiskData = z.infer<typeof ShipmentAtRiskData>

/**
 * The shipment events, about the shipment they name (the subject).
 *
 * @example
 * await enqueueEvent(tx, shipmentEvents.created('/functions/create-shipment', data))
 */
export const shipmentEvents = {
  created: builder<ShipmentCreatedData>(EVENT_TYPES.shipmentCreated, aboutShipment),
  statusChanged: builder<ShipmentStatusChangedData>(
    EVENT_TYPES.shipmentStatusChanged,
    aboutShipment,
  ),
  assigned: builder<ShipmentAssignedData>(EVENT_TYPES.shipmentAssigned, aboutShipment),
  arriving: builder<ShipmentArrivingData>(EVENT_TYPES.shipmentArriving, aboutShipment),
  edited: builder<ShipmentEditedData>(EVENT_TYPES.shipmentEdited, aboutShipment),
  atRisk: builder<ShipmentAtRiskData>(EVENT_TYPES.shipmentAtRisk, aboutShipment),
}

function aboutShipment(data: { shipmentId: string }) {
  return data.shipmentId
}
