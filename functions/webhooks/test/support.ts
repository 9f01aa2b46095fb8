import { startDispatcher } from '@dropmate/broker'
import { parseTriggers } from '@dropmate/broker/triggers'
import { EVENT_TYPES } from '@dropmate/contracts/event-types'
import { createMemoryTransport, encodeEvent } from '@dropmate/events'
import type { TestApi } from '@dropmate/kit/testing'
import { CloudEvent } from 'cloudevents'
import { execFile } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { manageWebhooks, webhookDeliveries, webhooksReceiver } from '../src'
import type { Received } from './receiver'

/** The webhook functions' apps, as a test API serves them. */
export const webhookApps = (deps: Parameters<typeof manageWebhooks.app>[0]) => [
  manageWebhooks.app(deps),
  webhookDeliveries.app(deps),
  webhooksReceiver.app(deps),
]

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

const VERIFIER = fileURLToPath(new URL('./verify_webhook.py', import.meta.url))

/**
 * Checks a received message with the Python implementation of Standard Webhooks (the
 * `standardwebhooks` package when installed, else the specification's HMAC by the standard
 * library): which verifier accepted it; it throws when none did.
 */
export function verifyIndependently(secret: string, received: Received): Promise<string> {
  const python = process.env.STANDARDWEBHOOKS_PYTHON ?? 'python3'
  const headers = Object.fromEntries(
    ['webhook-id', 'webhook-timestamp', 'webhook-signature'].map((name) => [
      name,
      String(received.headers[name]),
    ]),
  )
  return new Promise((resolve, reject) => {
    const child = execFile(python, [VERIFIER], (error, stdout, stderr) =>
      error ? reject(new Error(`not verified: ${stderr || error.message}`)) : resolve(stdout.trim()),
    )
    child.stdin!.end(JSON.stringify({ secret, headers, body: received.body }))
  })
}
