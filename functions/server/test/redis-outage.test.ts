import { requestAt } from '@dropmate/kit/testing'
import { createAccount } from '@dropmate/kit'
import { factsOf, shipmentEvents } from '@dropmate/contracts/shipment-events'
import { newTrackingNumber } from '@dropmate/core'
import { insertShipment } from '@dropmate/db'
import {
  createMigratedTestDatabase,
  redisServerInstalled,
  startPrivateRedis,
  type PrivateRedis,
  type TestDatabase,
} from '@dropmate/db/testing'
import type { ShipmentUpdate } from '@dropmate/contracts/sockets'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { io, type Socket } from 'socket.io-client'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { DISPATCHER_MAIN, REALTIME_MAIN, start, stop, type Started } from './process'

/**
 * Redis going away under the long-lived processes (`npm start`, `npm run realtime`, the
 * broker dispatcher), and coming back: they stay up, say on /ready what they miss, answer
 * what needs Redis with a quick 503, and resume every loop by themselves. Redis is a server
 * of this file's own, so it can be crashed; PostgreSQL is the machine's.
 */
const root = fileURLToPath(new URL('../../..', import.meta.url))
const PASSWORD = 'a long enough password'
const SHOP = { name: 'Padaria Estrela', address: 'Rua da Estrela 12, Lisboa' }
const PLACE = { lat: 38.7135, lng: -9.1605 }

let redis: PrivateRedis
let redisDown = false
let db: TestDatabase
let dataDir: string
const running: Started[] = []
const sockets: Socket[] = []

async function launch(entry?: string, env: Record<string, string> = {}) {
  const started = await start(
    {
      DATABASE_URL: db.url,
      REDIS_URL: redis.url,
      DATA_DIR: dataDir,
      TRIGGERS_DIR: join(root, 'knative/triggers'),
      ...env,
    },
    entry,
  )
  running.push(started)
  return started
}

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

async function crashRedis() {
  await redis.crash()
  redisDown = true
}

async function bringBackRedis() {
  await redis.restart()
  redisDown = false
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function readiness(server: Started) {
  const response = await fetch(`${server.url}/ready`)
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

/** A request to `server`, and how long its answer took. */
async function call(server: Started, method: string, path: string, token?: string, body?: unknown) {
  const began = performance.now()
  const reply = await requestAt(server.url)(method, path, { token, body })
  return { ...reply, ms: Math.round(performance.now() - began) }
}

const credentials = { email: 'ines@estrela.example', password: PASSWORD }

async function signIn(server: Started) {
  const { status, body } = await call(server, 'POST', '/api/auth/login', undefined, credentials)
  expect(status).toBe(200)
  return body.accessToken as string
}

function connect(server: Started, namespace: string, auth: object = {}): Promise<Socket> {
  const socket = io(`${server.url}${namespace}`, {
    transports: ['websocket'],
    auth,
    reconnectionDelay: 100,
    reconnectionDelayMax: 500,
  })
  sockets.push(socket)
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket))
    socket.once('connect_error', reject)
  })
}

function collect<T>(socket: Socket, event: string): T[] {
  const seen: T[] = []
  socket.on(event, (payload: T) => seen.push(payload))
  return seen
}

function createShipment(server: Started, token: string) {
  return call(server, 'POST', '/api/shipments', token, {
    sender: { ...SHOP, ...PLACE },
    receiver: { name: 'Rita Sousa', address: 'Rua dos Remédios 4, Alfama, Lisboa', ...PLACE },
  })
}

/** Still running a while after it began listening: the old crash came 0.2 s after. */
async function outlives(server: Started) {
  await sleep(2_000)
  expect(server.child.exitCode).toBe(null)
  expect((await fetch(`${server.url}/health`)).status).toBe(200)
}

describe.runIf(redisServerInstalled && process.env.DATABASE_URL)('Redis outages', () => {
  beforeAll(async () => {
    redis = await startPrivateRedis()
    db = await createMigratedTestDatabase()
    dataDir = await mkdtemp(join(tmpdir(), 'dropmate-redis-outage-'))
    await createAccount(db.sql, {
      email: credentials.email,
      name: 'Inês Ferreira',
      phone: null,
      role: 'dispatcher',
      password: PASSWORD,
    })
  })

  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.disconnect()
    for (const server of running.splice(0)) {
      if (server.child.exitCode === null && server.child.signalCode === null) await stop(server)
    }
    // Every test starts with Redis up, whatever the last one left.
    if (redisDown) await bringBackRedis()
  })

  afterAll(async () => {
    await redis?.cleanup()
    await db?.drop()
    if (dataDir) await rm(dataDir, { recursive: true, force: true })
  })

  it('npm start outlives a Redis that is not up yet, says so on /ready, and delivers once it is', async () => {
    await crashRedis()
    const server = await launch()
    await outlives(server)
    const notReady = await readiness(server)
    expect(notReady.status).toBe(503)
    expect(notReady.body.checks).toMatchObject({ redis: expect.stringMatching(/^unreachable/) })

    await bringBackRedis()
    await until(async () => (await readiness(server)).status === 200)
    const token = await signIn(server)
    const dashboard = await connect(server, '/', { token })
    const updates = collect<ShipmentUpdate>(dashboard, 'shipment_updated')
    const created = await createShipment(server, token)
    expect(created.status).toBe(201)
    await until(() => updates.some((update) => update.shipmentId === created.body.id))
  })

  it('npm run realtime outlives a Redis that is not up yet, and shares rooms once it is', async () => {
    await crashRedis()
    const [first, second] = [await launch(REALTIME_MAIN), await launch(REALTIME_MAIN)]
    await outlives(first!)
    for (const gateway of [first!, second!]) {
      const notReady = await readiness(gateway)
      expect(notReady.status).toBe(503)
      expect(notReady.body.checks).toMatchObject({ redis: expect.stringMatching(/^unreachable/) })
    }

    await bringBackRedis()
    for (const gateway of [first!, second!]) {
      await until(async () => (await readiness(gateway)).status === 200)
    }
    const shipment = (await insertShipment(db.sql, {
      trackingNumber: newTrackingNumber(),
      sender: { ...SHOP, ...PLACE, phone: null, email: null },
      receiver: { ...SHOP, ...PLACE, phone: null, email: null },
      customerId: null,
    }))!
    const page = await connect(first!, '/track')
    expect(await page.emitWithAck('track', { trackingNumber: shipment.trackingNumber })).toEqual(
      expect.objectContaining({ ok: true }),
    )
    const updates = collect<{ status: string }>(page, 'shipment_updated')
    // Delivered to the other gateway: it reaches this page only through the shared stream.
    const cancelled = { ...shipment, status: 'cancelled' as const, version: shipment.version + 1 }
    const event = {
      specversion: '1.0',
      id: crypto.randomUUID(),
      ...shipmentEvents.statusChanged('/functions/test', {
        ...factsOf({ ...cancelled, updatedAt: new Date() }),
        from: shipment.status,
        to: 'cancelled',
        reason: null,
      }),
    }
    const delivered = await fetch(`${second!.url}/realtime/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/cloudevents+json' },
      body: JSON.stringify(event),
    })
    expect(delivered.status).toBe(202)
    await until(() => updates.some((update) => update.status === 'cancelled'))
  })

  it('answers what needs Redis with a quick 503 during an outage, still takes shipments, and delivers them once Redis is back', async () => {
    const server = await launch()
    await until(async () => (await readiness(server)).status === 200)
    const token = await signIn(server)
    const dashboard = await connect(server, '/', { token })
    const updates = collect<ShipmentUpdate>(dashboard, 'shipment_updated')
    const beforehand = await createShipment(server, token)

    await crashRedis()
    // Some seconds in, as an outage is when people notice it: ioredis's waits have grown.
    await sleep(5_000)
    const nearby = await call(server, 'GET', `/api/drivers/nearby?lat=38.71&lng=-9.16`, token)
    const ready = await readiness(server)
    const created = await createShipment(server, token)
    console.info(
      `during the outage: nearby drivers ${nearby.status} in ${nearby.ms} ms, ` +
        `shipment create ${created.status} in ${created.ms} ms (${beforehand.ms} ms before it)`,
    )
    expect(nearby.status).toBe(503)
    expect(nearby.headers.get('content-type')).toMatch(/^application\/problem\+json/)
    expect(nearby.headers.get('retry-after')).toMatch(/^\d+$/)
    expect(nearby.body).toMatchObject({ code: 'redis_unavailable' })
    // The bar is 1 s; the bound is generous because the machine is shared.
    expect(nearby.ms).toBeLessThan(2_000)
    expect(ready.status).toBe(503)
    expect(created.status).toBe(201)
    expect(created.ms).toBeLessThan(2_000)

    // The rest of the API during the outage: what does not need Redis answers as ever, and
    // nothing is a 500 or slow.
    const { id, trackingNumber } = created.body
    const others = {
      login: () => call(server, 'POST', '/api/auth/login', undefined, credentials),
      me: () => call(server, 'GET', '/api/me', token),
      list: () => call(server, 'GET', '/api/shipments', token),
      shipment: () => call(server, 'GET', `/api/shipments/${id}`, token),
      timeline: () => call(server, 'GET', `/api/shipments/${id}/events`, token),
      location: () => call(server, 'GET', `/api/shipments/${id}/location`, token),
      track: () => call(server, 'GET', `/api/shipments/track/${trackingNumber}`),
      drivers: () => call(server, 'GET', '/api/drivers', token),
      positions: () => call(server, 'GET', '/api/drivers/positions', token),
      'broker stats': () => call(server, 'GET', '/broker/stats', token),
    }
    for (const [name, request] of Object.entries(others)) {
      const answer = await request()
      console.info(`during the outage: ${name} ${answer.status} in ${answer.ms} ms`)
      expect(answer.status, name).toBeLessThan(500)
      expect(answer.ms, name).toBeLessThan(2_000)
    }

    await bringBackRedis()
    const back = performance.now()
    await until(() => updates.some((update) => update.shipmentId === created.body.id))
    const caughtUp = Math.round(performance.now() - back)
    const after = await createShipment(server, token)
    await until(() => updates.some((update) => update.shipmentId === after.body.id))
    console.info(
      `after the outage: the shipment created during it reached a socket ${caughtUp} ms after Redis was back`,
    )
    expect(dashboard.connected).toBe(true)
  })

  it('shows a change made while Redis was away on the tracking page once it is back, not the view cached before', async () => {
    const server = await launch()
    await until(async () => (await readiness(server)).status === 200)
    const token = await signIn(server)
    const { body: shipment } = await createShipment(server, token)
    const track = () => call(server, 'GET', `/api/shipments/track/${shipment.trackingNumber}`)
    expect((await track()).body).toMatchObject({ status: 'pending' })

    await crashRedis()
    const cancelled = await call(
      server,
      'DELETE',
      `/api/shipments/${shipment.id}?reason=gone`,
      token,
    )
    expect(cancelled.status).toBe(200)
    expect((await track()).body).toMatchObject({ status: 'cancelled' })

    await bringBackRedis()
    await until(async () => (await readiness(server)).status === 200)
    expect((await track()).body).toMatchObject({ status: 'cancelled' })
  })

  it("the dispatcher's /ready turns 503 while its loops cannot read, and 200 once they resume", async () => {
    const dispatcher = await launch(DISPATCHER_MAIN)
    await until(async () => (await readiness(dispatcher)).status === 200)

    await crashRedis()
    await until(async () => {
      const { status, body } = await readiness(dispatcher)
      return status === 503 && JSON.stringify(body.checks).includes('trigger realtime-')
    })
    expect(dispatcher.child.exitCode).toBe(null)

    await bringBackRedis()
    await until(async () => (await readiness(dispatcher)).status === 200)
  })
})
