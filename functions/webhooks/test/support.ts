import { startDispatcher } from '@dropmate/broker'
import { parseTriggers } from '@dropmate/broker/triggers'
import { EVENT_TYPES } from '@dropmate/contracts/event-types'
import { createMemoryTransport, encodeEvent } from '@dropmate/events'
import type { TestApi } from '@dropmate/kit/testing'
import { CloudEvent } from 'cloudevents'
import { randomUUID } from 'node:crypto'
import { functions } from '../src'
import type { ApiDeps } from '@dropmate/kit'

/** The webhook functions' apps, as a test API serves them. */
export const webhookApps = (deps: ApiDeps) => functions.map((fn) => fn.app(deps))

/** A shipment-created event, as the outbox relay hands one to the broker. */
export function shipmentCreated(): CloudEvent<unknown> {
  return new CloudEvent({
    type: EVENT_TYPES.shipmentCreated,
    source: '/functions/create-shipment',
    id: randomUUID(),
    time: new Date().toISOString(),
    data: { shipmentId: randomUUID(), trackingNumber: 'DM-TEST-0001' },
  })
}

/**
 * A broker delivering to the API's webhooks receiver with the Trigger's backoff cut short:
 * `retry` retries after the first attempt, then the dead letters.
 */
export async function startBroker(api: TestApi, retry: number) {
  const transport = createMemoryTransport()
  const [trigger] = parseTriggers(
    `apiVersion: eventing.knative.dev/v1
kind: Trigger
metadata: { name: webhooks }
spec:
  broker: default
  subscriber: { uri: '${api.url}/webhooks/events' }
  delivery: { retry: ${retry}, backoffPolicy: linear, backoffDelay: PT0.2S, timeout: PT30S }
`,
    'webhooks.yaml',
  )
  await transport.ensureGroup('webhooks')
  const dispatcher = startDispatcher({ transport, triggers: [trigger!], resolveRef: () => '' })
  return {
    transport,
    dispatcher,
    publish: (event: CloudEvent<unknown>) => transport.append([encodeEvent(event)]),
    async stop() {
      await dispatcher.stop()
      await transport.close()
    },
  }
}

/** The broker's delivery of one event straight to the receiver: the status it answered. */
export async function deliver(api: TestApi, event: CloudEvent<unknown>): Promise<number> {
  const response = await fetch(`${api.url}/webhooks/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/cloudevents+json' },
    body: JSON.stringify(event.toJSON()),
  })
  await response.text()
  return response.status
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

export async function until(check: () => boolean | Promise<boolean>, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await sleep(25)
  }
}
