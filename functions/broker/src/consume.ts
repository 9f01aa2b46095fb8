import type { Queryable, Sql } from '@dropmate/db'
import type { CloudEvent } from 'cloudevents'

export type Processed<T> = { duplicate: true } | { duplicate: false; result: T }

/**
 * Runs a consumer's effect of an event at most once, although the broker delivers at least
 * once (Knative's contract: receivers dedupe on source + id). The dedupe record and the
 * effect commit in one transaction: if `work` throws, both roll back and a redelivery runs it
 * again. A concurrent delivery of the same event waits on the record's key until this one
 * commits, then finds it a duplicate.
 *
 * `work` must use only the `tx` it is given: embedded PGlite has one connection, which the
 * transaction holds, so a query on the outer `sql` waits forever.
 *
 * @example
 * const outcome = await processOnce(sql, 'notify-receiver', event, (tx) => queueSms(tx, event))
 * if (outcome.duplicate) logger.info({ event: event.id }, 'already processed')
 */
export async function processOnce<T>(
  sql: Sql,
  consumer: string,
  event: CloudEvent<unknown>,
  work: (tx: Queryable) => Promise<T>,
): Promise<Processed<T>> {
  let outcome: Processed<T> = { duplicate: true }
  await sql.begin(async (tx) => {
    const inserted = await tx`
      insert into processed_events (
        consumer,
        source,
        event_id
      )
      values (
        ${consumer},
        ${event.source},
        ${event.id}
      )
      on conflict do nothing
      returning event_id
    `
    if (inserted.length === 0) return
    outcome = { duplicate: false, result: await work(tx) }
  })
  return outcome
}
