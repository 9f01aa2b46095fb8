import { brokerAccess, eventsIn } from '@dropmate/events'
import { BoundedMap, type Config } from '@dropmate/core'
import { onError } from '@dropmate/runtime'
import { Hono } from 'hono'
import { readEvent, type GatewayEvent } from './events'

export interface IngressDeps {
  config: Pick<Config, 'BROKER_TOKEN'>
  /** Carries one event to the clients; called once per (source, id). */
  carry: (event: GatewayEvent) => void
}

// As the broker's own ingress: events are notifications, far below this.
const MAX_BODY_BYTES = 1024 * 1024
// Redeliveries come within the broker's retries (minutes); this many ids cover them at
// thousands of events a minute.
const RECENT_EVENTS = 20_000

/**
 * `POST /realtime/events`: where the broker delivers (Triggers in knative/triggers/realtime.yaml),
 * in binary, structured or batch mode, and only the broker: with BROKER_TOKEN its bearer
 * token, without it this machine only. Delivery is at least once, so an event already
 * carried (same `source` and `id`) is acknowledged and not carried again. Answers 202; an
 * event that is not a valid CloudEvent, or a carried type with bad data, is a 400 and carries
 * nothing of its batch.
 */
export function realtimeIngress(deps: IngressDeps) {
  const recent = new BoundedMap<string, true>(RECENT_EVENTS)
  const app = new Hono()
  app.onError(onError)
  app.post('/realtime/events', brokerAccess(deps), async (c) => {
    const events = await eventsIn(c, MAX_BODY_BYTES)
    const batch = events.length > 1
    const read = events.map((event, index) => ({
      key: `${event.source}\n${event.id}`,
      carried: readEvent(event, batch ? `batch[${index}]: ` : ''),
    }))
    for (const { key, carried } of read) {
      if (recent.has(key)) continue
      if (carried) deps.carry(carried)
      recent.set(key, true)
    }
    return c.body(null, 202)
  })
  return app
}
