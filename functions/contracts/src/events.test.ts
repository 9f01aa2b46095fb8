import { CloudEvent, HTTP } from 'cloudevents'
import { describe, expect, it } from 'vitest'
import type { z } from 'zod'
import { AlertData, alertEvent } from './alert-event'
import { DriverDutyChangedData, DriverLocationData, driverEvents } from './driver-events'
import type { EventEnvelope } from './envelope'
import { EVENT_TYPES } from './event-types'
import {
  ShipmentArrivingData,
  ShipmentAssignedData,
  ShipmentAtRiskData,
  ShipmentEditedData,
  ShipmentCreatedData,
  ShipmentStatusChangedData,
  shipmentEvents,
} from './shipment-events'

const SOURCE = '/functions/test'
const shipmentId = '6f1c2a4e-0b7d-4c55-9a1e-2f3b4c5d6e7f'
const driverId = '0c8e5a31-7d42-4f1b-8b3a-9e6d5c4b3a21'
const facts = {
  shipmentId,
  trackingNumber: 'DM7Q4K9P2XW',
  status: 'in_transit' as const,
  driverId,
  customerId: null,
  version: 4,
  at: '2026-12-05T10:15:00.000Z',
}

/** Each event as its producer builds it, with the schema its consumers parse it with. */
const cases: Array<{
  name: string
  built: EventEnvelope<object>
  schema: z.ZodType
  type: string
  subject: string
  bad: Record<string, unknown>
}> = [
  {
    name: 'shipment created',
    built: shipmentEvents.created(SOURCE, { ...facts, status: 'pending', driverId: null }),
    schema: ShipmentCreatedData,
    type: EVENT_TYPES.shipmentCreated,
    subject: shipmentId,
    bad: { version: 0 },
  },
  {
    name: 'shipment status changed',
    built: shipmentEvents.statusChanged(SOURCE, {
      ...facts,
      from: 'picked_up',
      to: 'in_transit',
      reason: null,
    }),
    schema: ShipmentStatusChangedData,
    type: EVENT_TYPES.shipmentStatusChanged,
    subject: shipmentId,
    bad: { to: 'teleported' },
  },
  {
    name: 'shipment assigned',
    built: shipmentEvents.assigned(SOURCE, {
      ...facts,
      status: 'assigned',
      previousDriverId: null,
    }),
    schema: ShipmentAssignedData,
    type: EVENT_TYPES.shipmentAssigned,
    subject: shipmentId,
    bad: { previousDriverId: 'driver-7' },
  },
  {
    name: 'shipment arriving',
    built: shipmentEvents.arriving(SOURCE, {
      shipmentId,
      trackingNumber: facts.trackingNumber,
      driverId,
      customerId: null,
      at: facts.at,
    }),
    schema: ShipmentArrivingData,
    type: EVENT_TYPES.shipmentArriving,
    subject: shipmentId,
    bad: { at: 'yesterday' },
  },
  {
    name: 'shipment edited',
    built: shipmentEvents.edited(SOURCE, {
      ...facts,
      status: 'pending',
      driverId: null,
      changed: ['receiver.address', 'deliveryWindow'],
      deliveryWindow: { from: '2026-12-05T14:00:00.000Z', to: '2026-12-05T16:00:00.000Z' },
      previousDeliveryWindow: null,
    }),
    schema: ShipmentEditedData,
    type: EVENT_TYPES.shipmentEdited,
    subject: shipmentId,
    bad: { changed: [] },
  },
  {
    name: 'shipment at risk',
    built: shipmentEvents.atRisk(SOURCE, {
      ...facts,
      deliveryWindow: { from: '2026-12-05T09:00:00.000Z', to: '2026-12-05T10:00:00.000Z' },
      eta: { earliest: facts.at, latest: '2026-12-05T10:25:00.000Z' },
    }),
    schema: ShipmentAtRiskData,
    type: EVENT_TYPES.shipmentAtRisk,
    subject: shipmentId,
    bad: { deliveryWindow: null },
  },
  {
    name: 'driver location',
    built: driverEvents.location(SOURCE, {
      driverId,
      lat: 38.7139,
      lng: -9.1394,
      accuracyM: 8,
      speedMps: null,
      headingDeg: 90,
      recordedAt: facts.at,
      deliveries: [
        {
          shipmentId,
          eta: { earliest: facts.at, latest: '2026-12-05T10:25:00.000Z', distanceM: 1200 },
        },
      ],
    }),
    schema: DriverLocationData,
    type: EVENT_TYPES.driverLocation,
    subject: driverId,
    // Beyond Web Mercator's limit, which Redis GEO refuses.
    bad: { lat: 86 },
  },
  {
    name: 'driver duty changed',
    built: driverEvents.dutyChanged(SOURCE, {
      driverId,
      from: 'offline',
      to: 'available',
      changedAt: facts.at,
    }),
    schema: DriverDutyChangedData,
    type: EVENT_TYPES.driverStatusChanged,
    subject: driverId,
    bad: { to: 'asleep' },
  },
  {
    name: 'alert',
    built: alertEvent('/dropmate/scaling-monitor', 'service/track-shipment', {
      kind: 'max_scale_reached',
      severity: 'warning',
      summary: 'track-shipment runs at its max scale of 10',
      numbers: { actualScale: 10, maxScale: 10 },
      followUp: false,
      occurrences: 1,
      periodSeconds: 0,
    }),
    schema: AlertData,
    type: EVENT_TYPES.alert,
    subject: 'service/track-shipment',
    bad: { severity: 'apocalyptic' },
  },
]

const MODES = { binary: HTTP.binary, structured: HTTP.structured }

describe.each(cases)('the $name event', ({ built, schema, type, subject, bad }) => {
  it('is built with its type and subject', () => {
    expect(built).toMatchObject({ type, subject, source: expect.any(String) })
  })

  it.each(Object.keys(MODES) as Array<keyof typeof MODES>)(
    'reads back, in %s mode, as the data it was built with',
    (mode) => {
      const sent = new CloudEvent({ ...built, datacontenttype: 'application/json' })
      const message = MODES[mode](sent)
      const received = HTTP.toEvent({ headers: message.headers, body: message.body })
      const [event] = [received].flat()
      expect(event!.type).toBe(type)
      expect(event!.subject).toBe(subject)
      expect(schema.parse(event!.data)).toEqual(built.data)
    },
  )

  it('is refused with a representative bad value', () => {
    const result = schema.safeParse({ ...built.data, ...bad })
    expect(result.success).toBe(false)
    expect(result.error!.issues[0]!.path).toEqual([Object.keys(bad)[0]])
  })
})
