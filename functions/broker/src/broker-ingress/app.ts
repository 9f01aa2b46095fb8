import { ConfigError } from '@dropmate/core'
import { logger, onError, problem } from '@dropmate/runtime'
import { Hono } from 'hono'
import { brokerAccess, type BrokerAccess } from '@dropmate/events'
import { encodeEvent } from '@dropmate/events'
import { eventsIn } from '@dropmate/events'
import type { EventLog } from '@dropmate/events'

export interface BrokerIngressDeps extends BrokerAccess {
  transport: EventLog
}

// Events are notifications, not documents: 1 MiB is far above any we publish.
const MAX_BODY_BYTES = 1024 * 1024

/**
 * The broker's front door: senders POST CloudEvents (binary, structured or batched) and get
 * 202 once the events are durable in the log, in order, or not at all.
 *
 * @example
 * const app = ingressApp({ transport: createMemoryTransport(), config })
 */
export function ingressApp(deps: BrokerIngressDeps) {
  const app = new Hono()
  app.onError(onError)
  app.post('/broker/events', brokerAccess(deps), async (c) => {
    const events = await eventsIn(c, MAX_BODY_BYTES)
    try {
      await deps.transport.append(events.map(encodeEvent))
    } catch (error) {
      // Part of a batch may be in the log already. Harmless: the sender retries the whole
      // request, and consumers dedupe on source + id, so a twice-appended event acts once.
      logger.warn({ err: error, events: events.length }, 'broker log unavailable')
      const detail = 'The event log is unavailable; send the events again shortly.'
      return problem(c, 'broker_unavailable', detail, {}, { 'retry-after': '1' })
    }
    return c.body(null, 202)
  })
  return app
}

/**
 * The ingress as a Knative Service of its own, appending to the shared Redis log that the
 * dispatcher Deployment reads. Behind Knative's queue-proxy every request comes from
 * loopback: only a token tells a sender.
 */
export function brokerIngressService(deps: {
  redis?: unknown
  events: EventLog
  config: BrokerAccess['config']
}) {
  if (!deps.redis) throw new ConfigError('REDIS_URL must be set for broker-ingress')
  if (!deps.config.BROKER_TOKEN)
    throw new ConfigError('BROKER_TOKEN must be set for broker-ingress')
  return ingressApp({ transport: deps.events, config: deps.config })
}
