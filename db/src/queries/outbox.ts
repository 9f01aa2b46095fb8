import type { EventType } from '@dropmate/contracts/event-types'
import { traceExtension } from '@dropmate/core'
import type { Queryable } from '../client'

export interface OutgoingEvent {
  type: EventType
  /** The emitting function, as a URI reference (CloudEvents `source`). */
  source: string
  subject?: string
  data: Record<string, unknown>
  extensions?: Record<string, string>
}

const enqueuedListeners = new Set<() => void>()

/**
 * Calls `listener` each time this process queues an event, as the row is written (its
 * transaction commits a moment later, or not at all): an outbox relay in the same process
 * looks again soon after, instead of asking the database several times a second whether
 * anything came. Returns what stops the calls.
 *
 * @example
 * const stop = onEventEnqueued(() => relay.lookSoon())
 */
export function onEventEnqueued(listener: () => void): () => void {
  enqueuedListeners.add(listener)
  return () => enqueuedListeners.delete(listener)
}

/**
 * Queues a CloudEvent in the outbox. Call it with the transaction that makes the change the
 * event announces: both commit or neither does. Returns the event id. The event carries the
 * trace of the request that made the change, so its journey through the broker can be
 * followed.
 */
export async function enqueueEvent(sql: Queryable, event: OutgoingEvent): Promise<string> {
  const [row] = await sql<{ id: string }[]>`
    insert into outbox ${sql({
      type: event.type,
      source: event.source,
      subject: event.subject ?? null,
      data: sql.json(event.data as never),
      extensions: sql.json({ ...traceExtension(), ...event.extensions } as never),
    })}
    returning id
  `
  for (const listener of enqueuedListeners) listener()
  return row!.id
}

export interface OutboxRow {
  id: string
  seq: string
  type: string
  source: string
  subject: string | null
  data: Record<string, unknown>
  extensions: Record<string, string>
  createdAt: Date
  attempts: number
}

/**
 * The oldest unpublished events that are due, locked for this transaction. SKIP LOCKED lets
 * several relays share the work without publishing one event twice at once.
 */
export async function lockDueEvents(sql: Queryable, limit: number): Promise<OutboxRow[]> {
  return sql<OutboxRow[]>`
    select id, seq, type, source, subject, data, extensions, created_at, attempts
    from outbox
    where published_at is null
      and held_at is null
      and next_attempt_at <= now()
    order by seq
    limit ${limit}
    for update skip locked
  `
}

/** Events an in-memory broker log has taken: not published until it reports them settled. */
export async function markHeld(sql: Queryable, ids: string[]): Promise<void> {
  await sql`update outbox set held_at = now() where id in ${sql(ids)}`
}

/**
 * Hands held events back to the relay: the in-memory log that held them is gone (the process
 * restarted). Returns how many. Only for the embedded default, where one process owns the
 * database; subscribers deduplicate the events some of them had already taken.
 */
export async function releaseHeldEvents(sql: Queryable): Promise<number> {
  const rows = await sql`
    update outbox
    set held_at = null
    where published_at is null
      and held_at is not null
    returning id
  `
  return rows.length
}

export async function markPublished(sql: Queryable, ids: string[]): Promise<void> {
  await sql`update outbox set published_at = now() where id in ${sql(ids)}`
}

/** Puts events back for a later try, further out each time (capped), noting why. */
export async function markPublishFailed(
  sql: Queryable,
  ids: string[],
  error: string,
  maxDelaySeconds: number,
): Promise<void> {
  await sql`
    update outbox
    set attempts = attempts + 1,
      last_error = ${error.slice(0, 1000)},
      next_attempt_at = now() + make_interval(secs => least(${maxDelaySeconds}, power(2, attempts)))
    where id in ${sql(ids)}
  `
}

/**
 * Makes every event backing off due now: the broker they waited for is back, and a back-off
 * grown over a long outage (up to its cap) would hold them well after it.
 */
export async function makeWaitingEventsDue(sql: Queryable): Promise<number> {
  const result = await sql`
    update outbox
    set next_attempt_at = now()
    where published_at is null
      and next_attempt_at > now()
  `
  return result.count
}

/** Published events older than `days` go; the outbox is a queue, not an archive. */
export async function prunePublishedEvents(sql: Queryable, days: number): Promise<number> {
  const rows = await sql`
    delete from outbox
    where published_at < now() - make_interval(days => ${days})
    returning id
  `
  return rows.length
}
