import type { Queryable } from '../client'

/** One consumer's processing of one CloudEvent (consumers dedupe on source + id). */
export interface ProcessedEventKey {
  consumer: string
  source: string
  eventId: string
}

/** What claiming an event came to: this caller's to process, done already, or in hand elsewhere. */
export type EventClaim = 'claimed' | 'done' | 'in_flight'

/**
 * Claims the event for `leaseMs`, committed at once. A claim that ran out without being
 * marked done (its holder died) is taken over; the database's clock times every claim, so
 * replicas whose clocks differ agree on when one runs out.
 */
export async function claimProcessedEvent(
  sql: Queryable,
  key: ProcessedEventKey,
  leaseMs: number,
): Promise<EventClaim> {
  const claimed = await sql`
    insert into processed_events (
      consumer,
      source,
      event_id,
      claimed_until
    )
    values (
      ${key.consumer},
      ${key.source},
      ${key.eventId},
      now() + ${leaseMs} * interval '1 millisecond'
    )
    on conflict (consumer, source, event_id) do update
    set claimed_until = excluded.claimed_until
    where processed_events.done_at is null
      and processed_events.claimed_until < now()
    returning event_id
  `
  if (claimed.length === 1) return 'claimed'
  const [row] = await sql<{ done: boolean }[]>`
    select done_at is not null as done
    from processed_events
    where consumer = ${key.consumer}
      and source = ${key.source}
      and event_id = ${key.eventId}
  `
  return row?.done ? 'done' : 'in_flight'
}

export async function markProcessedEventDone(sql: Queryable, key: ProcessedEventKey) {
  await sql`
    update processed_events
    set done_at = now()
    where consumer = ${key.consumer}
      and source = ${key.source}
      and event_id = ${key.eventId}
  `
}

/** Gives a claim up before it runs out, so the next delivery need not wait for it. */
export async function releaseProcessedEvent(sql: Queryable, key: ProcessedEventKey) {
  await sql`
    update processed_events
    set claimed_until = now()
    where consumer = ${key.consumer}
      and source = ${key.source}
      and event_id = ${key.eventId}
      and done_at is null
  `
}
