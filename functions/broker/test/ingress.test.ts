import { networkInterfaces } from 'node:os'
import { serve, type RunningServer } from '@dropmate/runtime'
import { CloudEvent } from 'cloudevents'
import { afterEach, describe, expect, it } from 'vitest'
import { decodeEvent, toJsonFormat } from '@dropmate/events'
import { isLoopback } from '@dropmate/runtime'
import { ingressApp, type BrokerIngressDeps } from '../src/broker-ingress/app'
import { createMemoryTransport } from '@dropmate/events'
import { binaryMessage } from '../src/send'
import type { BrokerTransport } from '@dropmate/events'

const TOKEN = 'a-broker-token-of-at-least-32-characters'
const running: RunningServer[] = []

afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.shutdown()))
})

interface Broker {
  url: string
  transport: BrokerTransport
  /** The events the log holds, decoded. */
  appended(): Promise<CloudEvent<unknown>[]>
}

async function startBroker(
  options: Partial<Omit<BrokerIngressDeps, 'transport'>> & {
    hostname?: string
    transport?: BrokerTransport
  } = {},
): Promise<Broker> {
  const transport = options.transport ?? createMemoryTransport()
  await transport.ensureGroup('probe')
  const app = ingressApp({ transport, config: {}, ...options })
  const server = await serve({
    fetch: app.fetch,
    port: 0,
    hostname: options.hostname ?? '127.0.0.1',
    shutdownTimeoutMs: 1_000,
  })
  running.push(server)
  return {
    url: `http://127.0.0.1:${server.port}/broker/events`,
    transport,
    async appended() {
      const entries = await transport.readNew('probe', 'test', 100, 10)
      return entries.map((entry) => decodeEvent(entry.event))
    },
  }
}

const shipmentCreated = (id = 'evt-1') =>
  new CloudEvent<unknown>({
    id,
    source: '/shipments',
    type: 'com.dropmate.shipment.created.v1',
    subject: 'DM-7Q4K2',
    time: '2026-11-24T10:00:00.123456789+02:00',
    traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
    partner: 'padaria',
    datacontenttype: 'application/json',
    data: { trackingNumber: 'DM-7Q4K2', weightKg: 2.5 },
  })

const post = (url: string, headers: Record<string, string>, body?: RequestInit['body']) =>
  fetch(url, { method: 'POST', headers, body })
const postStructured = (url: string, body: unknown) =>
  post(url, { 'content-type': 'application/cloudevents+json' }, JSON.stringify(body))
const postBatch = (url: string, body: unknown) =>
  post(url, { 'content-type': 'application/cloudevents-batch+json' }, JSON.stringify(body))

async function expectProblem(response: Response, status: number, code: string) {
  expect(response.status).toBe(status)
  expect(response.headers.get('content-type')).toBe('application/problem+json')
  const problem = (await response.json()) as { code: string; detail: string }
  expect(problem.code).toBe(code)
  return problem.detail
}

describe('POST /broker/events', () => {
  it('accepts a binary-mode event with 202 and logs it with every attribute and extension', async () => {
    const broker = await startBroker()
    const event = shipmentCreated()
    const { headers, body } = binaryMessage(event)
    const response = await post(broker.url, headers, body)
    expect(response.status).toBe(202)
    expect(await response.text()).toBe('')
    expect(await broker.appended()).toEqual([event])
  })

  it('accepts a structured-mode event and logs it as sent', async () => {
    const broker = await startBroker()
    const sent: Record<string, unknown> = {
      ...toJsonFormat(shipmentCreated()),
      datacontenttype: 'image/png',
    }
    delete sent.data
    sent.data_base64 = 'iVBORw0KGgo='
    expect((await postStructured(broker.url, sent)).status).toBe(202)
    const [logged] = await broker.appended()
    expect(toJsonFormat(logged!)).toEqual(sent)
  })

  it('accepts a batch and logs its events in order', async () => {
    const broker = await startBroker()
    const events = ['a', 'b', 'c'].map((id) => shipmentCreated(id))
    expect((await postBatch(broker.url, events.map(toJsonFormat))).status).toBe(202)
    expect(await broker.appended()).toEqual(events)
  })

  it('refuses an event without a required attribute with 400 naming it, and logs nothing', async () => {
    const broker = await startBroker()
    const { headers } = binaryMessage(shipmentCreated())
    delete headers['ce-source']
    const detail = await expectProblem(await post(broker.url, headers), 400, 'invalid_cloudevent')
    expect(detail).toBe("missing attribute 'source'")
    expect(await broker.transport.lag('probe')).toBe(0)
  })

  it('refuses malformed JSON with 400', async () => {
    const broker = await startBroker()
    const response = await post(broker.url, { 'content-type': 'application/cloudevents+json' }, '{')
    expect(await expectProblem(response, 400, 'invalid_cloudevent')).toMatch(/not valid JSON/)
  })

  it('refuses an empty batch with 400', async () => {
    const broker = await startBroker()
    const response = await postBatch(broker.url, [])
    expect(await expectProblem(response, 400, 'invalid_cloudevent')).toMatch(/empty/)
  })

  it('refuses a whole batch with one bad event, naming it, and logs none of it', async () => {
    const broker = await startBroker()
    const good = toJsonFormat(shipmentCreated('a'))
    const response = await postBatch(broker.url, [good, { ...good, id: 'b', specversion: '0.3' }])
    expect(await expectProblem(response, 400, 'invalid_cloudevent')).toMatch(/^batch\[1\]: /)
    expect(await broker.transport.lag('probe')).toBe(0)
  })

  it('answers 503 with Retry-After when the log cannot take the events', async () => {
    const transport = createMemoryTransport()
    transport.append = async () => {
      throw new Error('connect ECONNREFUSED 127.0.0.1:6379')
    }
    const broker = await startBroker({ transport })
    const response = await postStructured(broker.url, toJsonFormat(shipmentCreated()))
    expect(response.headers.get('retry-after')).toBe('1')
    expect(await expectProblem(response, 503, 'broker_unavailable')).not.toMatch(/ECONNREFUSED/)
  })

  it('refuses a body over 1 MiB with 413, whether its length is declared or streamed', async () => {
    const broker = await startBroker()
    const huge = JSON.stringify({ ...toJsonFormat(shipmentCreated()), data: 'x'.repeat(1 << 20) })
    const declared = await postStructured(broker.url, JSON.parse(huge))
    await expectProblem(declared, 413, 'body_too_large')
    const streamed = await fetch(broker.url, {
      method: 'POST',
      headers: { 'content-type': 'application/cloudevents+json' },
      body: new Blob([huge]).stream(),
      duplex: 'half',
    } as RequestInit)
    await expectProblem(streamed, 413, 'body_too_large')
    expect(await broker.transport.lag('probe')).toBe(0)
  })
})

describe('POST /broker/events with BROKER_TOKEN set', () => {
  const send = (url: string, authorization?: string) => {
    const headers: Record<string, string> = { 'content-type': 'application/cloudevents+json' }
    if (authorization) headers.authorization = authorization
    return post(url, headers, JSON.stringify(toJsonFormat(shipmentCreated())))
  }

  it('accepts a sender presenting the token', async () => {
    const broker = await startBroker({ config: { BROKER_TOKEN: TOKEN } })
    expect((await send(broker.url, `Bearer ${TOKEN}`)).status).toBe(202)
  })

  it('refuses a missing or wrong token with 401, even from this machine', async () => {
    const broker = await startBroker({ config: { BROKER_TOKEN: TOKEN } })
    for (const authorization of [undefined, `Bearer ${TOKEN}x`, `Basic ${TOKEN}`, 'Bearer ']) {
      const response = await send(broker.url, authorization)
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/)
      await expectProblem(response, 401, 'invalid_broker_token')
    }
    expect(await broker.transport.lag('probe')).toBe(0)
  })
})

describe('POST /broker/events without BROKER_TOKEN', () => {
  // Some address of this machine that is not loopback, if it has one.
  const external = Object.values(networkInterfaces())
    .flat()
    .find((address) => address && !address.internal && address.family === 'IPv4')?.address

  it.skipIf(!external)('refuses senders on other machines with 403', async () => {
    const broker = await startBroker({ hostname: '0.0.0.0' })
    const url = broker.url.replace('127.0.0.1', external!)
    const response = await postStructured(url, toJsonFormat(shipmentCreated()))
    await expectProblem(response, 403, 'loopback_only')
    expect(await broker.transport.lag('probe')).toBe(0)
  })

  it('refuses a sender whose address the lookup does not know to be loopback', async () => {
    const broker = await startBroker({ remoteAddress: () => '203.0.113.7' })
    const response = await postStructured(broker.url, toJsonFormat(shipmentCreated()))
    await expectProblem(response, 403, 'loopback_only')
  })

  it('refuses an in-process request, which has no socket to vouch for it', async () => {
    const app = ingressApp({ transport: createMemoryTransport(), config: {} })
    const response = await app.request('/broker/events', { method: 'POST' })
    await expectProblem(response, 403, 'loopback_only')
  })
})

describe('isLoopback', () => {
  it('knows 127.0.0.0/8, ::1 and IPv4-mapped loopback, and nothing else', () => {
    for (const address of ['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1']) {
      expect(isLoopback(address), address).toBe(true)
    }
    for (const address of [
      '10.0.0.1',
      '::ffff:10.0.0.1',
      '128.0.0.1',
      'fe80::1',
      'localhost',
      '',
    ]) {
      expect(isLoopback(address), address).toBe(false)
    }
    expect(isLoopback(undefined)).toBe(false)
  })
})
