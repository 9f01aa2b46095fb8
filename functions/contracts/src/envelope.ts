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

/** An envelope; the builders of each event fix its type and subject. */
export function envelope<Data>(
  type: EventType,
  source: string,
  subject: string,
  data: Data,
): EventEnvelope<Data> {
  return { type, source, subject, data }
}
