import {
  isDatabaseUnavailable,
  lockDueEvents,
  makeWaitingEventsDue,
  markHeld,
  markPublished,
  markPublishFailed,
  onEventEnqueued,
  releaseHeldEvents,
  type OutboxRow,
  type Queryable,
  type Sql,
} from '@dropmate/db'
import { formatTraceparent, parseTraceparent, startSpan } from '@dropmate/core'
import { logger, loopHealth, tracing, type ReadinessCheck } from '@dropmate/runtime'
import { CloudEvent } from 'cloudevents'
import { encodeEvent } from '@dropmate/events'
import { interruptibleNap } from './nap'
import type { BrokerTransport } from '@dropmate/events'

export interface OutboxRelayOptions {
  sql: Sql
  transport: BrokerTransport
  batchSize?: number
  /**
   * How soon to look again once the outbox is empty, after events went out or this process
   * queued one. PGlite cannot LISTEN, so the relay polls.
   */
  idleMs?: number
  /**
   * The longest wait while nothing happens: each look that finds nothing doubles the wait,
   * from idleMs up to this. Events this process queues cut a longer wait short (to idleMs);
   * those other processes queue wait this long at most. As long as idleMs by default: a
   * relay whose writers are other processes hears of none of them.
   */
  quietMs?: number
  /** The longest wait between tries of an event the broker would not take. */
  maxRetryDelaySeconds?: number
}

export interface OutboxRelay {
  /** Publishes whatever is due now; the number of events published. For tests and ops. */
  drain(): Promise<number>
  /**
   * For `/ready`: stalled while it cannot read the outbox. A broker that refuses events does
   * not stall it (they wait in the outbox, and /ready checks Redis itself).
   */
  check: ReadinessCheck
  stop(): Promise<void>
}

/**
 * Moves events from the transactional outbox into the broker. An event leaves the outbox only
 * once the broker has it: during a broker outage events wait in PostgreSQL, with backoff,
 * and flow again when it returns. A crash between publishing and marking publishes an event
 * twice, which consumers absorb (they deduplicate on source + id).
 *
 * A broker whose log a crash wipes (the in-memory one) does not have an event until every
 * Trigger acknowledged it: until then the row stays, held, and a restart hands it over again.
 */
export function startOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  const { sql, transport, batchSize = 100, idleMs = 100, maxRetryDelaySeconds = 30 } = options
  const { quietMs = idleMs } = options
  const stopping = new AbortController()
  const health = loopHealth()
  // The broker refused the last events it was offered: they back off until it is back.
  let brokerAway = false
  const held = transport.onSettled && holdUntilSettled(sql, transport)

  async function publishBatch(): Promise<number> {
    return sql.begin(async (tx) => {
      const due = await lockDueEvents(tx, batchSize)
      if (due.length === 0) return 0
      const ids = due.map((row) => row.id)
      const published = due.map((row) => publishing(toCloudEvent(row)))
      let appended: string[]
      try {
        appended = await transport.append(published.map(({ event }) => encodeEvent(event)))
        for (const { span } of published) span?.end()
      } catch (error) {
        for (const { span } of published) span?.end(error)
        brokerAway = true
        await markPublishFailed(tx, ids, String(error), maxRetryDelaySeconds)
        logger.warn(
          { err: error, events: ids.length },
          'broker unavailable, events wait in the outbox',
        )
        return 0
      }
      if (held) await held.hold(tx, ids, appended)
      else await markPublished(tx, ids)
      return due.length
    })
  }

  async function drain() {
    let total = 0
    for (;;) {
      const published = await publishBatch()
      total += published
      if (published < batchSize) return total
    }
  }

  /** Drains, and once the broker answers again after refusing events, drains what waited. */
  async function pass(): Promise<number> {
    const published = await drain()
    if (published > 0 || !brokerAway) return published
    const back = await transport.ping().then(
      () => true,
      () => false,
    )
    if (!back) return 0
    brokerAway = false
    await makeWaitingEventsDue(sql)
    return drain()
  }

  const nap = interruptibleNap(stopping.signal)
  let wait = idleMs
  const stopHearing = onEventEnqueued(() => {
    wait = idleMs
    nap.endWithin(idleMs)
  })

  const loop = (async () => {
    if (held) await held.releaseAll()
    while (!stopping.signal.aborted) {
      const published = await pass().then(
        (count) => {
          health.ok()
          return count
        },
        (error: unknown) => {
          health.failed(error)
          // The database client logs an outage once; a line per refused try would bury it.
          if (!isDatabaseUnavailable(error)) logger.error({ err: error }, 'outbox relay failed')
          return 0
        },
      )
      await held?.markSettled()
      if (published > 0) {
        wait = idleMs
        continue
      }
      // Doubled as the nap begins: an event queued during it sets the next wait back to idleMs.
      const napping = nap.take(wait)
      wait = Math.min(wait * 2, quietMs)
      await napping
    }
  })()

  return {
    drain,
    check: health.check,
    async stop() {
      stopHearing()
      stopping.abort()
      await loop
      await held?.markSettled()
    },
  }
}

/**
 * Outbox rows a memory log has taken, published once it reports them settled: the log's ids
 * mapped to the rows', and the rows settled since the last look.
 */
function holdUntilSettled(sql: Sql, transport: BrokerTransport) {
  const rowOf = new Map<string, string>()
  let settled: string[] = []
  transport.onSettled!((logIds) => {
    for (const logId of logIds) {
      const row = rowOf.get(logId)
      if (row === undefined) continue
      rowOf.delete(logId)
      settled.push(row)
    }
  })

  return {
    async releaseAll() {
      try {
        const released = await releaseHeldEvents(sql)
        if (released > 0) logger.info({ events: released }, 'undelivered events handed over again')
      } catch (error) {
        logger.error({ err: error }, 'held events not released: they wait for the next start')
      }
    },
    /** Notes what the log took, before it can report any of it settled. */
    async hold(tx: Queryable, ids: string[], logIds: string[]) {
      logIds.forEach((logId, i) => rowOf.set(logId, ids[i]!))
      await markHeld(tx, ids)
    },
    async markSettled() {
      if (settled.length === 0) return
      const ids = settled
      settled = []
      await markPublished(sql, ids).catch((error: unknown) => {
        // Still held: a restart before the next try would deliver them again, not lose them.
        settled.push(...ids)
        logger.warn({ err: error }, 'settled events not marked published yet')
      })
    },
  }
}

/**
 * When exporting, a PRODUCER span for the event's entry into the broker, a child of the
 * request that emitted it (its `traceparent` extension); the event then carries this span
 * on, so each delivery is its child and the time it waited in the outbox shows.
 */
function publishing(event: CloudEvent<unknown>) {
  const exporting = tracing()
  const parent = exporting && parseTraceparent(event.traceparent as string | undefined)
  if (!parent) return { event, span: undefined }
  const span = exporting.workSpan(startSpan(parent), parent, {
    name: `publish ${event.type}`,
    kind: 'producer',
    attributes: {
      'messaging.system': 'dropmate',
      'messaging.operation.type': 'send',
      'messaging.operation.name': 'publish',
      'messaging.message.id': event.id,
      'cloudevents.event_id': event.id,
      'cloudevents.event_type': event.type,
    },
  })
  return { event: event.cloneWith({ traceparent: formatTraceparent(span.trace) }), span }
}

/** The CloudEvent an outbox row announces; its id is the row's, so a republish is a duplicate. */
export function toCloudEvent(row: OutboxRow): CloudEvent<unknown> {
  return new CloudEvent({
    ...row.extensions,
    id: row.id,
    type: row.type,
    source: row.source,
    subject: row.subject ?? undefined,
    time: row.createdAt.toISOString(),
    datacontenttype: 'application/json',
    data: row.data,
  })
}
