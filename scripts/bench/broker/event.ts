import { EVENT_TYPES } from '@dropmate/contracts/event-types'
import type { ShipmentStatusChangedData } from '@dropmate/contracts/shipment-events'
import { CloudEvent } from 'cloudevents'

export const BENCH_SOURCE = '/functions/bench'
/** The extension that carries when the bench sent an event, in wall-clock milliseconds. */
export const SENT_EXTENSION = 'benchsent'

/** A number as the last 12 hex digits of a UUID: ids differ per event, lengths do not. */
function uuidFor(kind: number, n: number): string {
  return `${kind.toString(16).padStart(8, '0')}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`
}

/**
 * What a shipment's status change announces (functions/shipments/src/announce.ts), minus the
 * customer: about 400 bytes once encoded, the size of the events the broker carries most.
 */
export function statusChangedData(
  n: number,
  at: Date,
): Omit<ShipmentStatusChangedData, 'status' | 'customerId'> {
  return {
    shipmentId: uuidFor(1, n),
    trackingNumber: `DM-${n.toString(36).toUpperCase().padStart(8, '0')}`,
    from: 'assigned',
    to: 'picked_up',
    reason: null,
    driverId: uuidFor(2, n % 50),
    version: 4,
    at: at.toISOString(),
  }
}

/** The typical event as a producer builds it. */
export function typicalEvent(n: number): CloudEvent<unknown> {
  return new CloudEvent<unknown>({
    type: EVENT_TYPES.shipmentStatusChanged,
    source: BENCH_SOURCE,
    data: statusChangedData(n, new Date()),
  })
}

/**
 * The typical event as a binary-mode POST to the ingress (HTTP binding §3.1), stamped with
 * `sentAt` so the subscriber can tell how long it took to arrive.
 *
 * @example
 * const { headers, body } = binaryRequest({ id: 'run-1', n: 1, token, sentAt: Date.now() })
 */
export function binaryRequest(event: { id: string; n: number; token: string; sentAt: number }) {
  const at = new Date(event.sentAt)
  return {
    headers: {
      authorization: `Bearer ${event.token}`,
      'content-type': 'application/json',
      'ce-specversion': '1.0',
      'ce-id': event.id,
      'ce-type': EVENT_TYPES.shipmentStatusChanged,
      'ce-source': BENCH_SOURCE,
      'ce-time': at.toISOString(),
      [`ce-${SENT_EXTENSION}`]: event.sentAt.toFixed(3),
    },
    body: JSON.stringify(statusChangedData(event.n, at)),
  }
}
