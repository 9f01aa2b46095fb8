import { parseTraceparent, runAsWork, startSpan } from '@dropmate/core'
import { logger, loopHealth, tracing, type ReadinessCheck } from '@dropmate/runtime'
import type { CloudEvent } from 'cloudevents'
import { randomBytes } from 'node:crypto'
import { hostname } from 'node:os'
import { encodeEvent, fromJsonFormat, type JsonFormatEvent } from '@dropmate/events'
import { attemptDelivery, REPLAY_EXTENSION, withDeliveryError, type Attempt } from './delivery'
import type { Post } from './http-post'
import { deliveries, deliveryDuration } from './metrics'
import { sleep } from './sleep'
import type { BrokerTransport, Entry } from '@dropmate/events'
import {
  backoffDelay,
  matches,
  resolveDestination,
  retryAfterMs,
  type Destination,
  type Trigger,
} from './triggers'

export interface DispatcherOptions {
  transport: BrokerTransport
  triggers: Trigger[]
  /** Turns a subscriber `ref` into a URL: cluster DNS, or the one-process server. */
  resolveRef: (ref: NonNullable<Destination['ref']>) => string
  /** This process's name in every consumer group; unique per replica and per start. */
  consumer?: string
  /** Deliveries in flight per Trigger. */
  concurrency?: number
  /**
   * How long this dispatcher counts as alive after each heartbeat (it beats five times as
   * often). Once a dispatcher has neither beaten nor read for this long, the others take over
   * the deliveries it held: a dispatcher that died is noticed within seconds.
   *
   * Why a heartbeat, not a shorter claimIdleMs: an entry stays unacknowledged through every
   * retry and backoff of its delivery (≈205 s of backoff plus 11 timeouts of 30 s by default),
   * so no idle time tells a dead holder from a live one waiting on a slow subscriber.
   */
  livenessTtlMs?: number
  /**
   * The backstop: how long an entry may sit unacknowledged before another dispatcher takes
   * it over, even from one that is alive (a delivery lost by a bug). Longer than a delivery
   * with all its backoffs takes, so live deliveries are not stolen.
   */
  claimIdleMs?: number
  /** How long one read waits for new events; bounds how long shutdown waits for a loop. */
  readBlockMs?: number
  /**
   * BROKER_TOKEN: presented as a bearer token to subscribers named by a `ref` (our own
   * services, which check it), never to an absolute `uri`, which may be anyone's.
   */
  token?: string
  /** How deliveries are POSTed: over HTTP unless some subscribers live in this process. */
  post?: Post
}

export interface TriggerStats {
  delivered: number
  retried: number
  deadLettered: number
  replies: number
}

export interface Dispatcher {
  stats(): Record<string, TriggerStats>
  /** For `/ready`, by Trigger name: its loop, stalled while it cannot read the log. */
  checks: Record<string, ReadinessCheck>
  /** Stops reading, lets deliveries in flight finish, and leaves retries for later. */
  stop(): Promise<void>
}

// Prometheus label values are snake_case.
const METRIC_OUTCOME = {
  delivered: 'delivered',
  retried: 'retried',
  deadLettered: 'dead_lettered',
} as const

// Knative's default delivery timeout is unset (no limit); an unbounded wait would pin a
// delivery slot forever, so a subscriber gets this long unless its Trigger says otherwise.
const DEFAULT_TIMEOUT_MS = 30_000

/**
 * Delivers every event in the log to every Trigger whose filter matches, at least once,
 * following the Knative Eventing data-plane contract: binary-mode POSTs, retries with the
 * Trigger's backoff, replies back into the broker, dead letters after the last retry.
 */
export function startDispatcher(options: DispatcherOptions): Dispatcher {
  const {
    transport,
    triggers,
    resolveRef,
    // A restarted container has the same host name and pid: the suffix keeps a new start
    // from inheriting, as a live consumer, what the previous one died holding.
    consumer = `${hostname()}-${process.pid}-${randomBytes(4).toString('hex')}`,
    concurrency = 16,
    livenessTtlMs = 5_000,
    claimIdleMs = 15 * 60_000,
    readBlockMs = 1_000,
    token,
    post,
  } = options
  const stopping = new AbortController()
  const stats = Object.fromEntries(
    triggers.map((t) => [t.name, { delivered: 0, retried: 0, deadLettered: 0, replies: 0 }]),
  ) as Record<string, TriggerStats>

  // Beats until the deliveries in flight are done, which may be after stop() is called.
  const done = new AbortController()
  const heartbeat = beat()
  const loopHealths = new Map(triggers.map((t) => [t.name, loopHealth()]))
  const loopHealthOf = (trigger: Trigger) => loopHealths.get(trigger.name)!
  const loops = triggers.map((trigger) =>
    runTrigger(trigger).catch((error: unknown) => {
      loopHealthOf(trigger).failed(error)
      logger.error({ err: error, trigger: trigger.name }, 'trigger loop stopped')
    }),
  )

  async function beat() {
    do {
      await transport.markAlive(consumer, livenessTtlMs).catch((error: unknown) => {
        // Missed beats only risk a duplicate delivery: another dispatcher takes over entries
        // this one is still delivering, once it has also not read for livenessTtlMs.
        logger.warn({ err: error }, 'broker heartbeat failed')
      })
    } while (await sleep(livenessTtlMs / 5, done.signal))
  }

  /** Counts an outcome in the dispatcher's own figures and in the process's metrics. */
  const tally = (trigger: Trigger, outcome: 'delivered' | 'retried' | 'deadLettered') => {
    stats[trigger.name]![outcome]++
    deliveries.inc({ trigger: trigger.name, outcome: METRIC_OUTCOME[outcome] })
  }

  const credentialsFor = (dest: Destination): Record<string, string> =>
    dest.ref && token !== undefined ? { authorization: `Bearer ${token}` } : {}

  async function runTrigger(trigger: Trigger) {
    const health = loopHealthOf(trigger)
    const inFlight = new Set<Promise<void>>()
    let lastRescue = 0
    let lastClaim = 0
    let grouped = false
    while (!stopping.signal.aborted) {
      if (inFlight.size >= concurrency) {
        await Promise.race(inFlight)
        continue
      }
      const room = concurrency - inFlight.size
      let entries: Entry[]
      try {
        // In the loop, not before it: a log that is down at start, or lost its groups in a
        // restart without persistence, is waited for like any other outage.
        if (!grouped) {
          await transport.ensureGroup(trigger.name)
          grouped = true
        }
        entries = []
        if (Date.now() - lastRescue >= livenessTtlMs / 5) {
          lastRescue = Date.now()
          entries = await transport.claimAbandoned(trigger.name, consumer, livenessTtlMs, room)
        }
        if (entries.length === 0 && Date.now() - lastClaim >= claimIdleMs / 2) {
          lastClaim = Date.now()
          entries = await transport.claimStale(trigger.name, consumer, claimIdleMs, room)
        }
        if (entries.length === 0) {
          entries = await transport.readNew(trigger.name, consumer, room, readBlockMs)
        }
      } catch (error) {
        // Redis away: nothing is lost (entries wait in the stream); try again shortly.
        health.failed(error)
        if (String(error).includes('NOGROUP')) grouped = false
        logger.warn({ err: error, trigger: trigger.name }, 'broker read failed')
        await sleep(1_000, stopping.signal)
        continue
      }
      health.ok()
      for (const entry of entries) {
        const delivery: Promise<void> = deliverAsWork(trigger, entry)
          .catch((error: unknown) => {
            logger.error({ err: error, trigger: trigger.name, entry: entry.id }, 'delivery failed')
          })
          .finally(() => inFlight.delete(delivery))
        inFlight.add(delivery)
      }
    }
    await Promise.all(inFlight)
  }

  /**
   * One delivery is one piece of work in the event's trace: its log lines carry the trace
   * id, and the subscriber gets this span as its parent. When exporting, it is a CONSUMER
   * span of the event's trace (from its `traceparent` extension), with the same ids.
   */
  async function deliverAsWork(trigger: Trigger, entry: Entry) {
    const json = JSON.parse(entry.event) as JsonFormatEvent
    const attributes = attributesOf(json)
    const replayFor = attributes[REPLAY_EXTENSION]
    const done = () => transport.ack(trigger.name, entry.id)
    if (replayFor !== undefined && replayFor !== trigger.name) return done()
    if (!matches(trigger, attributes)) return done()
    const parent = parseTraceparent(attributes.traceparent as string | undefined)
    const work = { trace: startSpan(parent), requestId: String(json.id) }
    const span = tracing()?.workSpan(work.trace, parent, {
      name: `deliver ${trigger.name}`,
      kind: 'consumer',
      attributes: {
        'messaging.system': 'dropmate',
        'messaging.operation.type': 'process',
        'messaging.operation.name': 'deliver',
        'messaging.consumer.group.name': trigger.name,
        'messaging.message.id': String(json.id),
        'cloudevents.event_id': String(json.id),
        'cloudevents.event_type': String(json.type),
      },
    })
    return runAsWork(work, async () => {
      try {
        const outcome = await deliver(trigger, entry, json)
        if (outcome !== 'pending') await done()
        span?.set({ 'dropmate.delivery.outcome': outcome })
        span?.end(outcome === 'dead_lettered' ? outcome : undefined)
      } catch (error) {
        span?.end(error)
        throw error
      }
    })
  }

  /**
   * Delivers a matching entry until it is done with (delivered or dead-lettered), or until
   * shutdown comes during a backoff: pending, and the entry stays for another dispatcher.
   */
  async function deliver(
    trigger: Trigger,
    entry: Entry,
    json: JsonFormatEvent,
  ): Promise<'delivered' | 'dead_lettered' | 'pending'> {
    // Built only for the Triggers it matches: every group reads every event of the log.
    const event = fromJsonFormat(json)
    const url = resolveDestination(trigger.subscriber, resolveRef)
    const { delivery } = trigger
    // An entry handed out more often than its retries allow crashed every dispatcher that
    // took it: stop the loop here instead of crashing the next one.
    if (entry.deliveries > delivery.retry + 1) {
      await deadLetter(trigger, event, url, {
        outcome: 'give_up',
        status: 0,
        body: 'redelivered too often',
      })
      return 'dead_lettered'
    }

    let attempt: Attempt
    for (let retries = 0; ; retries++) {
      attempt = await attemptDelivery(url, event, {
        timeoutMs: delivery.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        headers: credentialsFor(trigger.subscriber),
        post,
      })
      if (attempt.outcome === 'delivered') {
        if (attempt.reply) {
          await transport.append([encodeEvent(attempt.reply)])
          stats[trigger.name]!.replies++
        }
        delivered(trigger, entry, event, retries)
        return 'delivered'
      }
      if (attempt.outcome === 'give_up' || retries >= delivery.retry) break
      tally(trigger, 'retried')
      const wait = Math.max(
        backoffDelay(delivery, retries + 1),
        retryAfterMs(attempt.retryAfter, new Date()) ?? 0,
      )
      // Shutting down mid-backoff: leave the entry pending for another dispatcher.
      if (!(await sleep(wait, stopping.signal))) return 'pending'
    }
    await deadLetter(trigger, event, url, attempt)
    return 'dead_lettered'
  }

  /** One line and one observation per event delivered, timed from when it was logged. */
  function delivered(trigger: Trigger, entry: Entry, event: CloudEvent<unknown>, retries: number) {
    const seconds = Math.max(0, Date.now() - loggedAt(entry)) / 1000
    tally(trigger, 'delivered')
    deliveryDuration.observe({ trigger: trigger.name }, seconds)
    logger.info(
      {
        trigger: trigger.name,
        event: { id: event.id, type: event.type },
        retries,
        ms: seconds * 1000,
      },
      'event delivered',
    )
  }

  async function deadLetter(
    trigger: Trigger,
    event: CloudEvent<unknown>,
    url: string,
    attempt: Attempt,
  ) {
    const status = attempt.outcome === 'delivered' ? 200 : attempt.status
    const body = attempt.outcome === 'delivered' ? '' : attempt.body
    const failed = withDeliveryError(event, url, status, body)
    await transport.deadLetter({ trigger: trigger.name, event: encodeEvent(failed) })
    tally(trigger, 'deadLettered')
    logger.warn(
      { trigger: trigger.name, event: event.id, status, destination: url },
      'dead-lettered',
    )
    const sink = trigger.delivery.deadLetterSink
    if (!sink) return
    const sinkUrl = resolveDestination(sink, resolveRef)
    const sent = await attemptDelivery(sinkUrl, failed, {
      timeoutMs: trigger.delivery.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      headers: credentialsFor(sink),
      post,
    })
    if (sent.outcome !== 'delivered') {
      // The dead-letter stream keeps it either way; the sink is a courtesy copy.
      logger.warn(
        { trigger: trigger.name, event: event.id, sink: sinkUrl },
        'dead-letter sink refused',
      )
    }
  }

  return {
    stats: () => structuredClone(stats),
    checks: Object.fromEntries(triggers.map((t) => [t.name, loopHealthOf(t).check])),
    async stop() {
      stopping.abort()
      await Promise.all(loops)
      done.abort()
      await heartbeat
    },
  }
}

/** The attributes and extensions a filter sees, read from the logged JSON without the SDK. */
function attributesOf(json: JsonFormatEvent): Record<string, unknown> {
  const { data: _data, data_base64: _base64, ...members } = json
  // A null member is an unset attribute (JSON format §2.2), as `fromJsonFormat` reads it.
  return Object.fromEntries(Object.entries(members).filter(([, value]) => value !== null))
}

/** Log ids start with the append time in milliseconds, in Redis and in memory alike. */
function loggedAt(entry: Entry): number {
  return Number(entry.id.split('-')[0])
}
