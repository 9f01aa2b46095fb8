import type { Config } from '@dropmate/core'
import { prunePublishedEvents, type Sql } from '@dropmate/db'
import { logger, type ReadinessCheck } from '@dropmate/runtime'
import { startDispatcher, type Dispatcher, type TriggerStats } from './dispatcher'
import { brokerAdmin } from './admin/app'
import type { Post } from './http-post'
import { ingressApp } from './broker-ingress/app'
import { reportBacklog } from './metrics'
import { startOutboxRelay, type OutboxRelay } from './outbox-relay'
import type { BrokerTransport } from '@dropmate/events'
import { loadTriggers, type RefResolver } from './triggers'

/** Bounds on the event log: a day of history, and never more than this many events. */
const RETENTION = { maxAgeMs: 24 * 60 * 60_000, maxLength: 100_000 }
const TRIM_EVERY_MS = 60_000
// Published outbox rows are kept a week for looking into what was sent, then go.
const OUTBOX_KEEP_DAYS = 7

export interface Broker {
  transport: BrokerTransport
  /** `POST /broker/events`, to mount beside the API. */
  ingress: ReturnType<typeof ingressApp>
  /** Dead letters and figures for `npm run events`. */
  admin: ReturnType<typeof brokerAdmin>
  /**
   * Starts delivering (Triggers, outbox relay, trimming) to subscribers `resolveRef` finds,
   * POSTing with `post` (over HTTP unless given).
   */
  start(resolveRef: RefResolver, post?: Post): void
  stats(): Promise<{ triggers: Record<string, TriggerStats>; lag: Record<string, number> }>
  /** For `/ready`: each Trigger's delivery loop and the outbox relay; stalled until started. */
  checks: Record<string, ReadinessCheck>
  /** Finishes deliveries in flight and releases the log. */
  stop(): Promise<void>
}

/**
 * The broker of a process over its event log (Redis Streams, or memory in the embedded
 * default, same semantics), routed by the Trigger YAML in TRIGGERS_DIR.
 */
export async function createBroker(deps: {
  config: Pick<Config, 'BROKER_TOKEN' | 'TRIGGERS_DIR'>
  sql: Sql
  /** The process's event log (ApiDeps.events): one log shared by every part of a process. */
  transport: BrokerTransport
  /** The outbox relay's longest wait while nothing happens (OutboxRelayOptions.quietMs). */
  relayQuietMs?: number
}): Promise<Broker> {
  const { transport } = deps
  const triggers = await loadTriggers(deps.config.TRIGGERS_DIR)
  let dispatcher: Dispatcher | undefined
  let relay: OutboxRelay | undefined
  let trimming: NodeJS.Timeout | undefined
  let stopReporting = () => {}

  // Lag read now, as /metrics reads it: -1 for a Trigger whose lag the log could not tell.
  const stats = async () => ({
    triggers: dispatcher?.stats() ?? {},
    lag: Object.fromEntries(
      await Promise.all(
        triggers.map(async (t) => [t.name, await transport.lag(t.name).catch(() => -1)]),
      ),
    ),
  })
  const notStarted = async () => {
    throw new Error('not started')
  }
  const checks: Record<string, ReadinessCheck> = {
    ...Object.fromEntries(
      triggers.map((t) => [
        `trigger ${t.name}`,
        () => (dispatcher?.checks[t.name] ?? notStarted)(),
      ]),
    ),
    'outbox relay': () => (relay?.check ?? notStarted)(),
  }
  return {
    transport,
    checks,
    ingress: ingressApp({ transport, config: deps.config }),
    admin: brokerAdmin({ transport, config: deps.config, stats }),
    start(resolveRef, post) {
      dispatcher = startDispatcher({
        transport,
        triggers,
        resolveRef,
        token: deps.config.BROKER_TOKEN,
        post,
      })
      relay = startOutboxRelay({ sql: deps.sql, transport, quietMs: deps.relayQuietMs })
      stopReporting = reportBacklog({ transport, triggers: triggers.map((t) => t.name) })
      trimming = setInterval(async () => {
        await transport
          .trim(RETENTION)
          .catch((error: unknown) => logger.warn({ err: error }, 'trim failed'))
        await prunePublishedEvents(deps.sql, OUTBOX_KEEP_DAYS).catch((error: unknown) =>
          logger.warn({ err: error }, 'outbox prune failed'),
        )
      }, TRIM_EVERY_MS)
      logger.info({ triggers: triggers.map((t) => t.name) }, 'broker delivering')
    },
    stats,
    async stop() {
      clearInterval(trimming)
      stopReporting()
      await relay?.stop()
      await dispatcher?.stop()
    },
  }
}
