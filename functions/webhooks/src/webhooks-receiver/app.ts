import { WEBHOOK_EVENT_TYPES } from '@dropmate/contracts/rest/webhooks'
import { brokerAccess, eventsIn } from '@dropmate/events'
import type { ApiDeps } from '@dropmate/kit'
import { onError, problem } from '@dropmate/runtime'
import { Hono } from 'hono'
import { deliverEvent, type EndpointOutcome } from '../deliver-event'
import { createWebhookSender, type WebhookSender } from '../post-webhook'

export const route = { method: 'post', path: '/webhooks/events' } as const

// Business events are small; a batch of them stays far below this.
const MAX_BODY_BYTES = 256 * 1024
const WANTED = new Set<string>(WEBHOOK_EVENT_TYPES)

/**
 * `POST /webhooks/events`: the broker delivers business events (knative/triggers/webhooks.yaml)
 * and each goes to the registered endpoints that want it, signed. 202 once every endpoint took
 * it; 502 when one did not, so the broker retries (those that took it are not sent it again)
 * and dead-letters it after the Trigger's last retry; 409 while another delivery of the same
 * event is sending it.
 */
export function webhooksReceiver(
  deps: ApiDeps,
  sender: WebhookSender = createWebhookSender({ allowPrivate: deps.config.WEBHOOKS_ALLOW_PRIVATE }),
) {
  const sending = { sql: deps.sql, config: deps.config, sender }
  const app = new Hono()
  app.onError(onError)
  app.post(route.path, brokerAccess(deps), async (c) => {
    const events = (await eventsIn(c, MAX_BODY_BYTES)).filter((event) => WANTED.has(event.type))
    const outcomes: EndpointOutcome[] = []
    for (const event of events) outcomes.push(...(await deliverEvent(sending, event)))
    if (outcomes.includes('failed')) {
      const detail = 'An endpoint did not take the event; deliver it again.'
      return problem(c, 'webhook_not_delivered', detail)
    }
    if (outcomes.includes('in_flight')) {
      const detail = 'Another delivery of this event is sending it; deliver it again later.'
      return problem(c, 'webhook_in_flight', detail)
    }
    return c.body(null, 202)
  })
  return app
}
