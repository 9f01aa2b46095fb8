import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { CloudEvent, HTTP } from 'cloudevents'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { eventsFromMessage } from '@dropmate/events'
import { DeliveryFailed, postEvent, publishEvent } from './send'

interface Received {
  headers: IncomingHttpHeaders
  body: Buffer
}

let received: Received[] = []
let respond: (response: ServerResponse) => void
const server = createServer((request, response) => {
  const chunks: Buffer[] = []
  request.on('data', (chunk: Buffer) => chunks.push(chunk))
  request.on('end', () => {
    received.push({ headers: request.headers, body: Buffer.concat(chunks) })
    respond(response)
  })
})
let url: string

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
})
afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})
beforeEach(() => {
  received = []
  respond = (response) => response.writeHead(202).end()
})

const created = (extra: Record<string, unknown> = {}) =>
  new CloudEvent<unknown>({
    id: 'evt-1',
    source: '/shipments',
    type: 'com.dropmate.shipment.created.v1',
    time: '2026-11-24T10:00:00.123Z',
    datacontenttype: 'application/json',
    data: { trackingNumber: 'DM-7Q4K2' },
    partner: 'padaria',
    ...extra,
  })

/** What the server got, read back the way the broker ingress reads it. */
const eventOnTheWire = ({ headers, body }: Received) =>
  eventsFromMessage(headers as Record<string, string>, new Uint8Array(body))[0]

describe('postEvent', () => {
  it('sends the event in binary mode: ce-* headers, extensions, content type, data as body', async () => {
    const event = created()
    await postEvent(url, event, { timeoutMs: 1_000 })
    const [{ headers, body }] = received as [Received]
    expect(headers).toMatchObject({
      'ce-id': 'evt-1',
      'ce-source': '/shipments',
      'ce-type': 'com.dropmate.shipment.created.v1',
      'ce-specversion': '1.0',
      'ce-time': '2026-11-24T10:00:00.123Z',
      'ce-partner': 'padaria',
      'content-type': 'application/json',
    })
    expect(JSON.parse(body.toString())).toEqual({ trackingNumber: 'DM-7Q4K2' })
    // The same message the SDK's binary serialiser writes for an event it handles well.
    const sdk = HTTP.binary(event)
    expect(headers).toMatchObject(sdk.headers)
    expect(body.toString()).toBe(sdk.body)
  })

  it('delivers what the SDK cannot: exact time, non-ASCII values, string and binary data', async () => {
    const events = [
      created({ time: '2026-11-24T10:00:00.123456789+02:00', subject: 'Rua dos Remédios €' }),
      created({ data: 'just a string' }),
      created({ datacontenttype: 'text/plain', data: '100% "quoted"' }),
      created({ datacontenttype: 'image/png', data: new Uint8Array([0, 255, 10, 13]) }),
      created({ datacontenttype: undefined, data: undefined }),
    ]
    for (const event of events) await postEvent(url, event, { timeoutMs: 1_000 })
    expect(received.map(eventOnTheWire)).toEqual(events)
    expect(received[0]!.headers['ce-subject']).toBe('Rua%20dos%20Rem%C3%A9dios%20%E2%82%AC')
  })

  it('returns the response whatever its status, for the caller to judge', async () => {
    respond = (response) => response.writeHead(404).end('no such subscriber')
    const response = await postEvent(url, created(), { timeoutMs: 1_000 })
    expect(response.status).toBe(404)
    expect(await response.text()).toBe('no such subscriber')
  })
})

describe('publishEvent', () => {
  it('resolves on a 2xx and sends the caller headers and the W3C traceparent', async () => {
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'
    await publishEvent(url, created({ traceparent }), {
      timeoutMs: 1_000,
      headers: { authorization: 'Bearer secret' },
    })
    expect(received[0]!.headers).toMatchObject({
      authorization: 'Bearer secret',
      traceparent,
      'ce-traceparent': traceparent,
    })
  })

  it('throws DeliveryFailed with the status and a truncated body on any other answer', async () => {
    respond = (response) => response.writeHead(500).end('x'.repeat(10_000))
    const failure = await publishEvent(url, created(), { timeoutMs: 1_000 }).catch((e) => e)
    expect(failure).toBeInstanceOf(DeliveryFailed)
    expect(failure.status).toBe(500)
    expect(failure.body.length).toBeLessThan(1_000)
    expect(failure.message).toMatch(/answered 500/)
  })

  it('throws DeliveryFailed on a 4xx too: producers fail loudly', async () => {
    respond = (response) => response.writeHead(400).end()
    await expect(publishEvent(url, created(), { timeoutMs: 1_000 })).rejects.toMatchObject({
      name: 'DeliveryFailed',
      status: 400,
    })
  })

  it('throws DeliveryFailed when no answer comes in time', async () => {
    respond = () => {}
    const started = Date.now()
    await expect(publishEvent(url, created(), { timeoutMs: 200 })).rejects.toMatchObject({
      name: 'DeliveryFailed',
      status: null,
      message: expect.stringMatching(/no answer in time/),
    })
    expect(Date.now() - started).toBeLessThan(2_000)
  })

  it('throws DeliveryFailed when nothing listens', async () => {
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const port = (closed.address() as AddressInfo).port
    await new Promise((resolve) => closed.close(resolve))
    await expect(
      publishEvent(`http://127.0.0.1:${port}/`, created(), { timeoutMs: 1_000 }),
    ).rejects.toMatchObject({ name: 'DeliveryFailed', status: null })
  })
})
