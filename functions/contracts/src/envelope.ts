import type { EventType } from './event-types'

/**
 * A CloudEvent as a producer hands it over (to the outbox, or to `new CloudEvent`): its type
 * and subject fixed by the builder, its source the producing function, its data typed.
 */
export interface EventEnvelope<Data> {
  type: EventType
  source: string
  subject: string
  data: Data
}

/**
 * The builder of one event type: it takes the producer's `source` and the data, and reads
 * the subject (the id the event is about) from the data.
 *
 * @example
 * const created = builder<ShipmentCreatedData>(EVENT_TYPES.shipmentCreated, (d) => d.shipmentId)
 */
export function builder<Data>(type: EventType, subjectOf: (data: Data) => string) {
  return (source: string, data: Data): EventEnvelope<Data> => ({
    type,
    source,
    subject: subjectOf(data),
    data,
  })
}
