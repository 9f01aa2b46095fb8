import type { EventType } from '@dropmate/core'
import type { Queryable } from '../client'

export interface OutgoingEvent {
  type: EventType
  /** The emitting function, as a URI reference (CloudEvents `source`). */
  source: string
  subject?: string
  data: Record<string, unknown>
  extensions?: Record<string, string>
}

/**
 * Queues a CloudEvent in the outbox. Call it with the transaction that makes the change the
 * event announces: both commit or neither does. Returns the event id.
 */
export async function enqueueEvent(sql: Queryable, event: OutgoingEvent): Promise<string> {
  const [row] = await sql<{ id: string }[]>`
    insert into outbox ${sql({
      type: event.type,
      source: event.source,
      subject: event.subject ?? null,
      data: sql.json(event.data as never),
      extensions: sql.json((event.extensions ?? {}) as never),
    })}
    returning id
  `
  return row!.id
}
