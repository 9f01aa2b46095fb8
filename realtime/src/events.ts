import { DriverDutyChangedData } from '@dropmate/contracts/driver-events'
import { EVENT_TYPES } from '@dropmate/contracts/event-types'
import {
  ShipmentAssignedData,
  ShipmentAtRiskData,
  ShipmentCreatedData,
  ShipmentEditedData,
  ShipmentStatusChangedData,
} from '@dropmate/contracts/shipment-events'
import { eventDataIssue, ProblemError } from '@dropmate/runtime'
import type { CloudEvent } from 'cloudevents'
import type { z } from 'zod'
import type {
  DriverDutyChange,
  ShipmentAssignment,
  ShipmentUpdate,
} from '@dropmate/contracts/sockets'

/** What the gateway makes of an event it carries to clients. */
export type GatewayEvent =
  | { kind: 'shipment'; update: ShipmentUpdate; assignment?: ShipmentAssignment }
  | { kind: 'duty'; change: DriverDutyChange }

/**
 * Reads an event delivered to the gateway; undefined for types it does not carry to anyone.
 * A carried type with bad `data` is a 400 naming the field (`at` says which of a batch), so
 * the broker dead-letters it instead of retrying what can never succeed. So is a driver's
 * position: positions reach every gateway through the positions feed, and one delivered
 * here would reach this replica's sockets only; a Trigger still sending them shows up in
 * the dead letters.
 */
export function readEvent(event: CloudEvent<unknown>, at = ''): GatewayEvent | undefined {
  if (event.type === EVENT_TYPES.driverLocation) {
    throw new ProblemError(
      'wrong_event_type',
      `${at}driver positions reach the gateway through the positions feed, not the broker`,
    )
  }
  if (event.type === EVENT_TYPES.driverStatusChanged) {
    return { kind: 'duty', change: parse(DriverDutyChangedData, event, at) }
  }
  if (event.type === EVENT_TYPES.shipmentAssigned) {
    const { previousDriverId, ...facts } = parse(ShipmentAssignedData, event, at)
    const update = { ...facts, reason: null }
    return { kind: 'shipment', update, assignment: { ...update, previousDriverId } }
  }
  if (event.type === EVENT_TYPES.shipmentStatusChanged) {
    const { from, to, ...update } = parse(ShipmentStatusChangedData, event, at)
    return { kind: 'shipment', update }
  }
  if (event.type === EVENT_TYPES.shipmentCreated) {
    return { kind: 'shipment', update: { ...parse(ShipmentCreatedData, event, at), reason: null } }
  }
  // An edit or an at-risk mark changes no status: pages learn of a new version and reread it.
  if (event.type === EVENT_TYPES.shipmentEdited) {
    const { changed, deliveryWindow, previousDeliveryWindow, ...facts } = parse(
      ShipmentEditedData,
      event,
      at,
    )
    return { kind: 'shipment', update: { ...facts, reason: null } }
  }
  if (event.type === EVENT_TYPES.shipmentAtRisk) {
    const { deliveryWindow, eta, ...facts } = parse(ShipmentAtRiskData, event, at)
    return { kind: 'shipment', update: { ...facts, reason: null } }
  }
  return undefined
}

function parse<T>(schema: z.ZodType<T>, event: CloudEvent<unknown>, at: string): T {
  const result = schema.safeParse(event.data)
  if (result.success) return result.data
  throw new ProblemError(
    'invalid_event_data',
    `${at}${eventDataIssue(result.error.issues, event.data)}`,
  )
}
