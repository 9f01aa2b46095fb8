import { EVENT_TYPES, SHIPMENT_STATUSES } from '@dropmate/core'
import { DUTY_STATUSES } from '@dropmate/db'
import { ProblemError } from '@dropmate/runtime'
import type { CloudEvent } from 'cloudevents'
import { z } from 'zod'
import type {
  DriverDutyChange,
  DriverLocation,
  ShipmentAssignment,
  ShipmentUpdate,
} from './protocol'

/** What the gateway makes of an event it carries to clients. */
export type GatewayEvent =
  | { kind: 'shipment'; update: ShipmentUpdate; assignment?: ShipmentAssignment }
  | { kind: 'location'; location: DriverLocation }
  | { kind: 'duty'; change: DriverDutyChange }

const id = z.guid()
const time = z.iso.datetime({ offset: true })

/** `data` of the shipment events, as functions/shipments announce.ts writes it. */
const ShipmentData = z.object({
  shipmentId: id,
  trackingNumber: z.string().min(1),
  status: z.enum(SHIPMENT_STATUSES),
  driverId: id.nullable(),
  customerId: id.nullable(),
  version: z.number().int().min(1),
  at: time,
  reason: z.string().nullish(),
  previousDriverId: id.nullish(),
})

const Eta = z.object({ earliest: time, latest: time, distanceM: z.number().min(0) })

/** `data` of com.dropmate.driver.location.v1 as the ingest function publishes it. */
const LocationData = z.object({
  driverId: id,
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  accuracyM: z.number().nullish(),
  speedMps: z.number().nullish(),
  headingDeg: z.number().nullish(),
  recordedAt: time,
  // Older publishers leave it out: no deliveries known.
  deliveries: z.array(z.object({ shipmentId: id, eta: Eta.nullable() })).default([]),
})

const Duty = z.enum(DUTY_STATUSES)

/** `data` of com.dropmate.driver.status_changed.v1 as functions/drivers update-driver writes it. */
const DutyData = z.object({ driverId: id, from: Duty, to: Duty, changedAt: time })

const SHIPMENT_TYPES: ReadonlySet<string> = new Set([
  EVENT_TYPES.shipmentCreated,
  EVENT_TYPES.shipmentStatusChanged,
  EVENT_TYPES.shipmentAssigned,
])

/**
 * Reads an event delivered to the gateway; undefined for types it does not carry to anyone.
 * A carried type with bad `data` is a 400 naming the field (`at` says which of a batch), so
 * the broker dead-letters it instead of retrying what can never succeed.
 */
export function readEvent(event: CloudEvent<unknown>, at = ''): GatewayEvent | undefined {
  if (event.type === EVENT_TYPES.driverLocation) {
    const { accuracyM, speedMps, headingDeg, ...location } = parse(LocationData, event, at)
    return {
      kind: 'location',
      location: {
        ...location,
        accuracyM: accuracyM ?? null,
        speedMps: speedMps ?? null,
        headingDeg: headingDeg ?? null,
      },
    }
  }
  if (event.type === EVENT_TYPES.driverStatusChanged) {
    return { kind: 'duty', change: parse(DutyData, event, at) }
  }
  if (!SHIPMENT_TYPES.has(event.type)) return undefined
  const { reason, previousDriverId, ...data } = parse(ShipmentData, event, at)
  const update = { ...data, reason: reason ?? null }
  if (event.type !== EVENT_TYPES.shipmentAssigned) return { kind: 'shipment', update }
  return {
    kind: 'shipment',
    update,
    assignment: { ...update, previousDriverId: previousDriverId ?? null },
  }
}

function parse<T>(schema: z.ZodType<T>, event: CloudEvent<unknown>, at: string): T {
  const result = schema.safeParse(event.data)
  if (result.success) return result.data
  const issue = result.error.issues[0]!
  const field = ['data', ...issue.path.map(String)].join('.')
  throw new ProblemError(400, 'invalid_event_data', `${at}${field}: ${issue.message}`)
}
