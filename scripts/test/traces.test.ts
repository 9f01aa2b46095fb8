import { EVENT_TYPES } from '@dropmate/contracts/event-types'
import { randomUUID } from 'node:crypto'
import { io, type Socket } from 'socket.io-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEventSink } from '../chaos/event-sink'
import { startDataStores, type DataStores } from '../chaos/services'
import { startShape, type Stack } from '../chaos/shapes'
import { signIn } from '../chaos/sign-in'
import { SHOP } from '../seed/demo-data'
import { startOtlpReceiver, type ReceivedSpan } from './otlp-receiver'

// SpanKind and status codes as OTLP numbers them.
const SERVER = 2
const CLIENT = 3
const PRODUCER = 4
const CONSUMER = 5
const ERROR = 2

let stores: DataStores
let stack: Stack
let receiver: Awaited<ReturnType<typeof startOtlpReceiver>>
let sink: Awaited<ReturnType<typeof startEventSink>>
let socket: Socket | undefined
const lines: Array<{ role: string; line: string }> = []
/** The trace id each step's answer named (`traceresponse`), by step. */
const traces: Record<string, string> = {}
let trackingNumber = ''

beforeAll(async () => {
  ;[stores, receiver, sink] = await Promise.all([
    startDataStores(),
    startOtlpReceiver(),
    startEventSink(),
  ])
  const name = `traces_${randomUUID().slice(0, 8)}`
  const env = {
    DATABASE_URL: await stores.database(name),
    REDIS_URL: stores.redis.url,
    REDIS_KEY_PREFIX: `${name}:`,
    AUTH_MODE: 'local',
    JWT_SECRET: 'traces-only-secret-traces-only-secret-000',
    LOG_LEVEL: 'info',
    SHUTDOWN_TIMEOUT_MS: '2000',
    // The generic endpoint: the exporter adds /v1/traces, and sends protobuf by default.
    OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
  }
  stack = await startShape('cluster', env, sink.url, (role, line) => lines.push({ role, line }))
  if (!(await stack.ready(60_000))) throw new Error('the cluster did not become ready')
  await oneShipmentsLife()
  // Stopping is SIGTERM: each process exports what it still holds before it exits.
  await stack.stop()
}, 120_000)

afterAll(async () => {
  socket?.close()
  await stack?.stop()
  await Promise.all([receiver?.close(), sink?.close()])
  await stores?.cleanup()
})

/**
 * Created by the dispatcher, assigned, on its way, a ping, delivered, with the dashboard's
 * socket open; each step's trace id as its answer named it.
 */
async function oneShipmentsLife() {
  const { api, ingest, gateway } = stack.endpoints
  const { dispatcherToken, couriers } = await signIn(api)
  const driver = couriers[0]!
  socket = io(gateway, { transports: ['websocket'], auth: { token: dispatcherToken } })
  const shown: string[] = []
  socket.on('shipment_updated', (update: { status: string }) => shown.push(update.status))
  await new Promise<void>((resolve) => socket!.once('connect', () => resolve()))

  const send = async (step: string, path: string, method: string, token: string, body: object) => {
    const response = await fetch(`${api}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
    expect(response.status, step).toBeLessThan(300)
    traces[step] = response.headers.get('traceresponse')!.split('-')[1]!
    return (await response.json()) as { id: string; trackingNumber: string }
  }
  const door = { lat: SHOP.lat + 0.01, lng: SHOP.lng + 0.01 }
  const shipment = await send('create', '/api/shipments', 'POST', dispatcherToken, {
    sender: { name: SHOP.name, address: SHOP.address, lat: SHOP.lat, lng: SHOP.lng },
    receiver: { name: 'Rita Sousa', email: 'rita@traces.example', address: 'Door 1', ...door },
    package: { weightKg: 1 },
  })
  trackingNumber = shipment.trackingNumber
  // The broker delivers events side by side: an assignment reaching the gateway first would
  // make the creation stale there, and it would emit nothing for it.
  await until('the dashboard shows it created', () => shown.includes('pending'))
  const at = `/api/shipments/${shipment.id}`
  await send('assign', `${at}/assign`, 'POST', dispatcherToken, { driverId: driver.driverId })
  await send('pick up', `${at}/status`, 'PATCH', driver.token, { status: 'picked_up' })
  await send('on its way', `${at}/status`, 'PATCH', driver.token, { status: 'in_transit' })
  const ping = await fetch(`${ingest}/api/locations`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${driver.token}`,
      'content-type': 'application/cloudevents+json',
    },
    body: JSON.stringify({
      specversion: '1.0',
      type: EVENT_TYPES.driverLocation,
      source: '/traces-test',
      id: randomUUID(),
      subject: driver.driverId,
      time: new Date().toISOString(),
      data: door,
    }),
  })
  expect(ping.status).toBeLessThan(300)
  await send('delivered', `${at}/status`, 'PATCH', driver.token, { status: 'delivered' })
  await until('the dashboard shows it delivered', () => shown.includes('delivered'))
  // The deliveries to notify run beside the gateway's: wait until the last one is exported.
  await until('notify took the last change', () => notifyServerSpans(traces.delivered!).length > 0)
}

/** Waits for `done` (setup runs outside any test, where expect.poll cannot). */
async function until(what: string, done: () => boolean, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`waited ${timeoutMs} ms for: ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

const inTrace = (traceId: string) => receiver.spans.filter((span) => span.traceId === traceId)

/** The notify receiver's server spans in a trace: in the API process, under a delivery. */
function notifyServerSpans(traceId: string): ReceivedSpan[] {
  const spans = inTrace(traceId)
  return spans.filter(
    (span) =>
      span.kind === SERVER &&
      span.service === 'dropmate' &&
      spans.some((client) => client.spanId === span.parentSpanId && client.kind === CLIENT),
  )
}

/** Every span's parent is a span of the same trace, but for the one root. */
function expectOneConnectedTrace(spans: ReceivedSpan[]) {
  const ids = new Set(spans.map((span) => span.spanId))
  const roots = spans.filter((span) => span.parentSpanId === undefined)
  expect(roots).toHaveLength(1)
  const orphans = spans.filter(
    (span) => span.parentSpanId !== undefined && !ids.has(span.parentSpanId),
  )
  expect(orphans.map((span) => `${span.service}: ${span.name}`)).toEqual([])
  return roots[0]!
}

describe('traces exported by OTLP from a cluster of processes', () => {
  it("follows a shipment's creation across the API, the broker and the gateway as one trace", () => {
    const spans = inTrace(traces.create!)
    const root = expectOneConnectedTrace(spans)
    expect(root).toMatchObject({
      service: 'dropmate',
      kind: SERVER,
      name: 'POST /api/shipments',
      attributes: { 'http.route': '/api/shipments', 'http.response.status_code': 201 },
    })
    const sql = spans.filter((span) => span.attributes['db.system.name'] === 'postgresql')
    expect(sql.length).toBeGreaterThan(0)
    expect(sql.every((span) => span.kind === CLIENT && span.service === 'dropmate')).toBe(true)
    expect(sql.map((span) => span.name)).toContain('INSERT shipments')

    // The relay takes the event from the outbox into the broker, under the request.
    const published = spans.find((span) => span.name === `publish ${EVENT_TYPES.shipmentCreated}`)
    expect(published).toMatchObject({
      service: 'broker-dispatcher',
      kind: PRODUCER,
      parentSpanId: root.spanId,
    })
    const delivery = spans.find(
      (span) => span.attributes['messaging.consumer.group.name'] === 'realtime-shipment-created',
    )
    expect(delivery).toMatchObject({
      service: 'broker-dispatcher',
      kind: CONSUMER,
      parentSpanId: published!.spanId,
      attributes: { 'cloudevents.event_type': EVENT_TYPES.shipmentCreated },
    })
    const post = spans.find((span) => span.parentSpanId === delivery!.spanId)
    expect(post).toMatchObject({ kind: CLIENT, attributes: { 'http.response.status_code': 202 } })
    const received = spans.find((span) => span.parentSpanId === post!.spanId)
    expect(received).toMatchObject({ service: 'realtime-gateway', kind: SERVER })
    const emit = spans.find((span) => span.name === 'emit shipment_updated')
    expect(emit).toMatchObject({
      service: 'realtime-gateway',
      kind: PRODUCER,
      parentSpanId: received!.spanId,
    })
    expect(emit!.attributes['dropmate.socket.room_kinds']).toBe('fleet,shipment')
    expect(new Set(spans.map((span) => span.service)).size).toBeGreaterThanOrEqual(3)
    expect(spans.filter((span) => span.status === ERROR)).toEqual([])
  })

  it('carries a status change to notify and the gateway in the same trace', () => {
    for (const step of ['assign', 'delivered']) {
      const spans = inTrace(traces[step]!)
      expectOneConnectedTrace(spans)
      const groups = spans.map((span) => span.attributes['messaging.consumer.group.name'])
      expect(groups).toContain(
        step === 'assign' ? 'notify-shipment-assigned' : 'notify-shipment-status',
      )
      expect(groups).toContain(
        step === 'assign' ? 'realtime-shipment-assigned' : 'realtime-shipment-status',
      )
      expect(spans.some((span) => span.name === 'emit shipment_updated')).toBe(true)
    }
    expect(notifyServerSpans(traces.delivered!).length).toBeGreaterThan(0)
  })

  it("names on the request's log line the trace the spans are in", () => {
    const created = lines
      .filter(({ role }) => role === 'api')
      .flatMap(({ line }) => {
        try {
          return [JSON.parse(line) as { route?: string; method?: string; traceId?: string }]
        } catch {
          return []
        }
      })
      .find((entry) => entry.route === '/api/shipments' && entry.method === 'POST')
    expect(created?.traceId).toBe(traces.create)
    expect(inTrace(created!.traceId!).length).toBeGreaterThan(0)
  })

  it('keeps tracking numbers, emails and coordinates out of every span', () => {
    const exported = JSON.stringify(receiver.spans)
    expect(exported).not.toContain('rita@traces.example')
    expect(trackingNumber).not.toBe('')
    expect(exported).not.toContain(trackingNumber)
    expect(exported).not.toContain(String(SHOP.lat))
  })
})
