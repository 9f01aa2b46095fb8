import { EVENT_TYPES } from '@dropmate/contracts/event-types'
import { createTestDatabase, deleteRedisKeys, type TestDatabase } from '@dropmate/db/testing'
import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { io, type Socket } from 'socket.io-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { start, stop, type Started } from './process'

/**
 * What an operator sees of `npm start`: one JSON log line per request and per event
 * delivery, joined by the trace id a request started, nothing personal in them, and the
 * Prometheus series of every part of the process. Against PostgreSQL and Redis when the
 * machine has them, embedded otherwise.
 */
const root = fileURLToPath(new URL('../../..', import.meta.url))
const execute = promisify(execFile)
const PASSWORD = 'a long enough password'
const TRACE_ID = randomBytes(16).toString('hex')
const TRACEPARENT = `00-${TRACE_ID}-${randomBytes(8).toString('hex')}-01`
// What the receiver of the parcel told the shop: none of it may reach a log line.
const RECEIVER = {
  name: 'Rita Sousa',
  email: 'rita.sousa@example.com',
  phone: '+351 912 345 678',
  address: 'Rua dos Remédios 4, Alfama, Lisboa',
  lat: 38.7118,
  lng: -9.1306,
}

let dataDir: string
let database: TestDatabase | undefined
let redisPrefix: string | undefined
let server: Started
let socket: Socket | undefined
let adminToken: string

function services(): Record<string, string | undefined> {
  if (!database) return { DATA_DIR: dataDir }
  return {
    DATA_DIR: dataDir,
    DATABASE_URL: database.url,
    REDIS_URL: process.env.REDIS_URL,
    REDIS_KEY_PREFIX: redisPrefix,
  }
}

async function createUser(email: string, role: string) {
  await execute(
    process.execPath,
    [
      '--import',
      'tsx',
      'functions/auth/src/cli/create-user.ts',
      ...['--email', email, '--name', 'Inês Ferreira', '--role', role, '--password', PASSWORD],
    ],
    { cwd: root, env: { ...process.env, ...services(), DATABASE_URL: database?.url } },
  )
}

async function api(method: string, path: string, body?: unknown, headers = {}) {
  return fetch(`${server.url}${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${adminToken}`,
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
}

async function until<T>(find: () => T | undefined, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const found = find()
    if (found !== undefined) return found
    if (Date.now() > deadline) throw new Error('not seen in time')
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

const linesOf = (traceId: string) => server.logs.filter((line) => line.traceId === traceId)

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'dropmate-observability-'))
  if (process.env.DATABASE_URL) database = await createTestDatabase()
  if (process.env.REDIS_URL) redisPrefix = `test:${randomBytes(6).toString('hex')}:`
  if (database) {
    // The server migrates on start; the account CLI needs the schema first.
    await execute(process.execPath, ['--import', 'tsx', 'db/src/cli/migrate.ts'], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: database.url },
    })
  }
  await createUser('ines@estrela.example', 'admin')
  server = await start({ ...services(), TRIGGERS_DIR: join(root, 'knative/triggers') })
  const login = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'ines@estrela.example', password: PASSWORD }),
  })
  adminToken = ((await login.json()) as { accessToken: string }).accessToken
  socket = io(server.url, { auth: { token: adminToken }, transports: ['websocket'] })
  await new Promise((resolve, reject) => {
    socket!.once('connect', () => resolve(undefined))
    socket!.once('connect_error', reject)
  })
})

afterAll(async () => {
  socket?.disconnect()
  if (server) await stop(server)
  await database?.drop()
  if (redisPrefix) await deleteRedisKeys(process.env.REDIS_URL!, redisPrefix)
  await rm(dataDir, { recursive: true, force: true })
})

describe('logs, traces and metrics of npm start', () => {
  let shipmentId: string

  it('follows one shipment by its trace id from the API through the broker to the gateway', async () => {
    const updated = new Promise((resolve) => socket!.once('shipment_updated', resolve))
    const created = await api(
      'POST',
      '/api/shipments',
      { sender: { ...RECEIVER, name: 'Padaria Estrela' }, receiver: RECEIVER },
      { traceparent: TRACEPARENT, 'x-request-id': 'checkout-42' },
    )
    expect(created.status).toBe(201)
    shipmentId = ((await created.json()) as { id: string }).id
    expect(created.headers.get('x-request-id')).toBe('checkout-42')
    expect(created.headers.get('traceresponse')).toMatch(new RegExp(`^00-${TRACE_ID}-`))
    await updated

    const request = await until(() =>
      linesOf(TRACE_ID).find(
        (line) => line.msg === 'request' && line.function === 'create-shipment',
      ),
    )
    expect(request).toMatchObject({
      reqId: 'checkout-42',
      method: 'POST',
      route: '/api/shipments',
      status: 201,
    })
    const delivered = await until(() =>
      linesOf(TRACE_ID).find(
        (line) => line.msg === 'event delivered' && line.trigger === 'realtime-shipment-created',
      ),
    )
    expect(delivered.event).toMatchObject({ type: EVENT_TYPES.shipmentCreated })
    const received = await until(() =>
      linesOf(TRACE_ID).find((line) => line.msg === 'request' && line.function === 'realtime'),
    )
    expect(received).toMatchObject({
      route: '/realtime/events',
      status: 202,
      event: { id: (delivered.event as { id: string }).id, type: EVENT_TYPES.shipmentCreated },
    })
    // Three hops, three spans of one trace.
    expect(new Set([request.spanId, delivered.spanId, received.spanId]).size).toBe(3)
  })

  it('starts a trace of its own for a request that brings none, and a bad traceparent', async () => {
    const plain = await api('GET', `/api/shipments/${shipmentId}`)
    const garbled = await api('GET', `/api/shipments/${shipmentId}`, undefined, {
      traceparent: 'not a trace',
    })
    const traceOf = (response: Response) => response.headers.get('traceresponse')!.split('-')[1]
    expect(plain.status).toBe(200)
    expect(garbled.status).toBe(200)
    expect(traceOf(plain)).toMatch(/^[0-9a-f]{32}$/)
    expect(traceOf(plain)).not.toBe(traceOf(garbled))
    expect(plain.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
    const reqId = plain.headers.get('x-request-id')
    // Counted under the function that answered, not the dashboard's catch-all before it.
    expect(await until(() => server.logs.find((line) => line.reqId === reqId))).toMatchObject({
      msg: 'request',
      function: 'get-shipment',
      route: '/api/shipments/:id',
      status: 200,
    })
  })

  it('keeps passwords, tokens and the receiver out of every log line', () => {
    const everything = server.logs.map((line) => JSON.stringify(line)).join('\n')
    expect(server.logs.length).toBeGreaterThan(5)
    for (const secret of [PASSWORD, adminToken, RECEIVER.email, RECEIVER.phone]) {
      expect(everything).not.toContain(secret)
    }
    expect(everything).not.toContain(RECEIVER.name)
  })

  it('counts a driver ping as it is stored', async () => {
    const account = { email: 'joao@estrela.example', password: PASSWORD, name: 'João Silva' }
    const created = await api('POST', '/api/drivers', { ...account, vehicleType: 'bicycle' })
    expect(created.status).toBe(201)
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: account.email, password: PASSWORD }),
    })
    const driver = { token: ((await login.json()) as { accessToken: string }).accessToken }
    const { driverId } = (await (
      await api('GET', '/api/me', undefined, { authorization: `Bearer ${driver.token}` })
    ).json()) as { driverId: string }
    const asDriver = { authorization: `Bearer ${driver.token}` }
    const duty = await api(
      'PATCH',
      `/api/drivers/${driverId}`,
      { dutyStatus: 'available' },
      asDriver,
    )
    expect(duty.status).toBe(200)

    const ping = await api(
      'POST',
      '/api/locations',
      { lat: 38.712, lng: -9.14 },
      {
        ...asDriver,
        'ce-specversion': '1.0',
        'ce-type': EVENT_TYPES.driverLocation,
        'ce-source': '/test/phone',
        'ce-id': crypto.randomUUID(),
        'ce-subject': driverId,
        'ce-time': new Date().toISOString(),
      },
    )
    expect(ping.status).toBe(202)
  })

  it('serves the series of every part of the process on /metrics to this machine', async () => {
    expect((await fetch(`${server.url}/ready`)).status).toBe(200)
    const response = await fetch(`${server.url}/metrics`)
    expect(response.status).toBe(200)
    const text = await response.text()
    const series = (name: string, labels: string) =>
      new RegExp(`^${name}\\{${labels}\\} (\\d+(?:\\.\\d+)?)$`, 'm').exec(text)?.[1]

    const createdLabels = 'function="create-shipment",method="POST",route="/api/shipments"'
    expect(series('dropmate_http_requests_total', `${createdLabels},status="201"`)).toBe('1')
    expect(
      Number(series('dropmate_http_request_duration_seconds_count', createdLabels)),
    ).toBeGreaterThanOrEqual(1)
    expect(
      series(
        'dropmate_broker_deliveries_total',
        'trigger="realtime-shipment-created",outcome="delivered"',
      ),
    ).toBe('1')
    expect(series('dropmate_broker_lag_events', 'trigger="realtime-shipment-created"')).toBe('0')
    expect(text).toMatch(/^dropmate_broker_dead_letters 0$/m)
    expect(series('dropmate_realtime_connected_sockets', 'namespace="/"')).toBe('1')
    expect(series('dropmate_realtime_events_total', 'kind="shipment"')).toBeDefined()
    expect(series('dropmate_location_pings_total', 'mode="binary"')).toBe('1')
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds \d/m)
    expect(
      series(
        'dropmate_http_requests_total',
        'function="health",method="GET",route="/ready",status="200"',
      ),
    ).toBeDefined()
  })
})
