import { requestAt } from '@dropmate/kit/testing'
import { EVENT_TYPES } from '@dropmate/contracts/event-types'
import {
  migratedDataDir,
  redisServerInstalled,
  startPrivateRedis,
  type PrivateRedis,
} from '@dropmate/db/testing'
import {
  fromFleetRow,
  type AppClientEvents,
  type AppServerEvents,
  type DriverLocation,
  type PublicDriverLocation,
  type ShipmentUpdate,
  type TrackingClientEvents,
  type TrackingServerEvents,
} from '@dropmate/contracts/sockets'
import { execFile } from 'node:child_process'
import { rm } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { io, type Socket } from 'socket.io-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { start, stop, type Started } from './process'

/**
 * The whole path a position travels in `npm start` with Redis: a driver's ping over HTTP,
 * the location store and the positions feed in Redis, the realtime gateway following it, and
 * the sockets of the people allowed to see it. Redis is a server of this test's own, so it
 * can be crashed mid-stream without disturbing other tests.
 */
const root = fileURLToPath(new URL('../../..', import.meta.url))
const execute = promisify(execFile)
const PASSWORD = 'a long enough password'

// Lisbon: the shop in Estrela, two customers in Alfama and Graça.
const SHOP = { address: 'Rua da Estrela 12, Estrela, Lisboa', lat: 38.7135, lng: -9.1605 }
const ALFAMA = { address: 'Rua dos Remédios 4, Alfama, Lisboa', lat: 38.7118, lng: -9.1306 }
const GRACA = { address: 'Largo da Graça 1, Graça, Lisboa', lat: 38.7169, lng: -9.1306 }

interface Person {
  token: string
  userId: string
  driverId: string | null
}

type AppSocket = Socket<AppServerEvents, AppClientEvents>
type TrackingSocket = Socket<TrackingServerEvents, TrackingClientEvents>

let redis: PrivateRedis
let dataDir: string
let server: Started
const sockets: Socket[] = []
let people: Record<'dispatcher' | 'driverA' | 'driverB' | 'customerX' | 'customerY', Person>
/** Driver A carries X's parcel (in transit) and Y's (only picked up); B carries nothing. */
let carried: { inTransit: Shipment; pickedUp: Shipment }

interface Shipment {
  id: string
  trackingNumber: string
}

function api(method: string, path: string, token?: string, body?: unknown) {
  return requestAt(server.url)(method, path, { token, body })
}

async function signIn(email: string): Promise<Person> {
  const { body } = await api('POST', '/api/auth/login', undefined, { email, password: PASSWORD })
  const me = (await api('GET', '/api/me', body.accessToken)).body
  return { token: body.accessToken, userId: me.id, driverId: me.driverId }
}

/** The first admin, made from the command line as an operator would, before the server starts. */
function createAdmin() {
  return execute(
    process.execPath,
    [
      '--import',
      'tsx',
      'functions/auth/src/cli/create-user.ts',
      ...['--email', 'rui@estrela.example', '--name', 'Rui Carvalho', '--role', 'admin'],
      ...['--password', PASSWORD],
    ],
    { cwd: root, env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: undefined } },
  )
}

async function createPeople() {
  const admin = await signIn('rui@estrela.example')
  const account = async (path: string, email: string, body: object) => {
    const reply = await api('POST', path, admin.token, { email, password: PASSWORD, ...body })
    if (reply.status !== 201) throw new Error(`${email}: ${JSON.stringify(reply.body)}`)
    return signIn(email)
  }
  return {
    dispatcher: await account('/api/users', 'ines@estrela.example', {
      name: 'Inês Ferreira',
      role: 'dispatcher',
    }),
    driverA: await account('/api/drivers', 'joao@estrela.example', {
      name: 'João Silva',
      vehicleType: 'bicycle',
    }),
    driverB: await account('/api/drivers', 'ana@estrela.example', {
      name: 'Ana Rodrigues',
      vehicleType: 'scooter',
    }),
    customerX: await account('/api/users', 'rita@example.com', {
      name: 'Rita Sousa',
      role: 'customer',
    }),
    customerY: await account('/api/users', 'gil@example.com', {
      name: 'Gil Matos',
      role: 'customer',
    }),
  }
}

/** A parcel from the shop to `place` for `customer`, carried by driver A up to `status`. */
async function parcel(customer: Person, place: typeof ALFAMA, status: string): Promise<Shipment> {
  const created = await api('POST', '/api/shipments', people.dispatcher.token, {
    sender: { name: 'Padaria Estrela', ...SHOP },
    receiver: { name: 'Receiver', ...place },
    customerId: customer.userId,
  })
  const id = created.body.id
  const assigned = await api('POST', `/api/shipments/${id}/assign`, people.dispatcher.token, {
    driverId: people.driverA.driverId,
  })
  expect(assigned.status).toBe(200)
  for (const step of ['picked_up', 'in_transit']) {
    const moved = await api('PATCH', `/api/shipments/${id}/status`, people.driverA.token, {
      status: step,
    })
    expect(moved.status).toBe(200)
    if (step === status) break
  }
  return { id, trackingNumber: created.body.trackingNumber }
}

function ping(driver: Person, at: { lat: number; lng: number }, id = crypto.randomUUID()) {
  return fetch(`${server.url}/api/locations`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${driver.token}`,
      'content-type': 'application/json',
      'ce-specversion': '1.0',
      'ce-type': EVENT_TYPES.driverLocation,
      'ce-source': '/test/phone',
      'ce-id': id,
      'ce-subject': driver.driverId!,
      'ce-time': new Date().toISOString(),
    },
    body: JSON.stringify({ ...at, accuracyM: 6, speedMps: 4.5, headingDeg: 90 }),
  })
}

function connect<S extends Socket>(namespace: string, token?: string): Promise<S> {
  const socket = io(`${server.url}${namespace}`, {
    transports: ['websocket'],
    auth: token ? { token } : {},
    reconnectionDelay: 100,
    reconnectionDelayMax: 500,
  })
  sockets.push(socket)
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket as S))
    socket.once('connect_error', reject)
  })
}

async function tracker(trackingNumber: string) {
  const socket = await connect<TrackingSocket>('/track')
  const reply = await socket.emitWithAck('track', { trackingNumber })
  expect(reply.ok).toBe(true)
  return socket
}

/**
 * The positions staff receive in `fleet_positions` frames from now on: recorded from now on,
 * so the greeting of a socket just connected (every driver's newest) is not among them.
 */
function fleetPositions(socket: AppSocket): DriverLocation[] {
  const since = Date.now()
  const seen: DriverLocation[] = []
  socket.on('fleet_positions', ({ positions }) =>
    seen.push(...positions.map(fromFleetRow).filter((p) => Date.parse(p.recordedAt) >= since)),
  )
  return seen
}

/** Everything `event` brings to `socket` from now on. */
function collect<T>(socket: Socket, event: string): T[] {
  const seen: T[] = []
  socket.on(event, (payload: T) => seen.push(payload))
  return seen
}

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 500))

describe.runIf(redisServerInstalled)('live tracking through npm start with Redis', () => {
  beforeAll(async () => {
    redis = await startPrivateRedis()
    dataDir = await migratedDataDir('dropmate-live-')
    await createAdmin()
    server = await start({ DATA_DIR: dataDir, REDIS_URL: redis.url })
    people = await createPeople()
    for (const driver of [people.driverA, people.driverB]) {
      await api('PATCH', `/api/drivers/${driver.driverId}`, driver.token, {
        dutyStatus: 'available',
      })
    }
    // The gateway shows a position only for parcels it has heard are on their way, and status
    // changes reach it through the outbox, after the API answered: wait until it has heard.
    const watcher = await connect<AppSocket>('/', people.dispatcher.token)
    const updates = collect<ShipmentUpdate>(watcher, 'shipment_updated')
    carried = {
      inTransit: await parcel(people.customerX, ALFAMA, 'in_transit'),
      pickedUp: await parcel(people.customerY, GRACA, 'picked_up'),
    }
    const heard = (id: string, status: string) =>
      updates.some((update) => update.shipmentId === id && update.status === status)
    await until(
      () => heard(carried.inTransit.id, 'in_transit') && heard(carried.pickedUp.id, 'picked_up'),
    )
    watcher.disconnect()
  })

  afterAll(async () => {
    for (const socket of sockets) socket.disconnect()
    if (server) await stop(server)
    await redis?.cleanup()
    if (dataDir) await rm(dataDir, { recursive: true, force: true })
  })

  it("brings driver A's ping to the dispatcher and to the tracking page of A's parcel on its way, and to no one else", async () => {
    const dispatcher = await connect<AppSocket>('/', people.dispatcher.token)
    const owner = await connect<AppSocket>('/', people.customerX.token)
    const otherCustomer = await connect<AppSocket>('/', people.customerY.token)
    expect(await owner.emitWithAck('subscribe', { shipmentId: carried.inTransit.id })).toEqual({
      ok: true,
    })
    expect(
      await otherCustomer.emitWithAck('subscribe', { shipmentId: carried.pickedUp.id }),
    ).toEqual({ ok: true })
    const onTheWay = await tracker(carried.inTransit.trackingNumber)
    const notYet = await tracker(carried.pickedUp.trackingNumber)

    const fleet = fleetPositions(dispatcher)
    const ownersView = collect<DriverLocation>(owner, 'driver_location')
    const public_ = collect<PublicDriverLocation>(onTheWay, 'driver_location')
    const leaks = [
      ...collect(otherCustomer, 'driver_location'),
      ...collect(notYet, 'driver_location'),
    ]

    const midway = { lat: 38.7125, lng: -9.145 }
    expect((await ping(people.driverA, midway)).status).toBe(202)

    await until(() => fleet.length > 0 && public_.length > 0 && ownersView.length > 0)
    expect(fleet[0]).toMatchObject({ driverId: people.driverA.driverId, ...midway })
    expect(ownersView[0]!.deliveries.map((d) => d.shipmentId)).toEqual([carried.inTransit.id])
    expect(public_[0]).toMatchObject({
      trackingNumber: carried.inTransit.trackingNumber,
      ...midway,
    })
    expect(public_[0]!.eta).toMatchObject({ distanceM: expect.any(Number) })
    // The public view names no one: no driver, customer or shipment ids.
    const text = JSON.stringify(public_[0])
    for (const id of [people.driverA.driverId!, people.customerX.userId, carried.inTransit.id]) {
      expect(text).not.toContain(id)
    }
    await settle()
    expect(leaks).toEqual([])
  })

  it('refuses rooms one is not entitled to', async () => {
    const otherCustomer = await connect<AppSocket>('/', people.customerY.token)
    const driverB = await connect<AppSocket>('/', people.driverB.token)
    const anonymous = await connect<TrackingSocket>('/track')

    for (const socket of [otherCustomer, driverB]) {
      const reply = await socket.emitWithAck('subscribe', { shipmentId: carried.inTransit.id })
      expect(reply).toMatchObject({ ok: false, code: 'not_found' })
    }
    expect(await anonymous.emitWithAck('track', { trackingNumber: 'DM-NOPE-NOPE' })).toMatchObject({
      ok: false,
      code: 'not_found',
    })
    await expect(connect('/', 'not-a-token')).rejects.toThrow()
    await expect(connect('/')).rejects.toThrow()
  })

  it('refuses bad pings with a 4xx and moves no one', async () => {
    const dispatcher = await connect<AppSocket>('/', people.dispatcher.token)
    const fleet = fleetPositions(dispatcher)
    const before = (
      await api('GET', `/api/shipments/${carried.inTransit.id}/location`, people.dispatcher.token)
    ).body

    const asOther = await fetch(`${server.url}/api/locations`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${people.driverB.token}`,
        'content-type': 'application/cloudevents+json',
      },
      body: JSON.stringify({
        specversion: '1.0',
        type: EVENT_TYPES.driverLocation,
        source: '/test/phone',
        id: crypto.randomUUID(),
        subject: people.driverA.driverId,
        time: new Date().toISOString(),
        data: { lat: 38.75, lng: -9.2 },
      }),
    })
    expect(asOther.status).toBe(403)
    const outOfRange = await ping(people.driverA, { lat: 91, lng: -9.2 })
    expect(outOfRange.status).toBe(400)

    await settle()
    const after = (
      await api('GET', `/api/shipments/${carried.inTransit.id}/location`, people.dispatcher.token)
    ).body
    expect(after).toEqual(before)
    expect(fleet).toEqual([])
  })

  it('answers 503 while Redis is down, stores nothing then, and carries on once it is back', async () => {
    const dispatcher = await connect<AppSocket>('/', people.dispatcher.token)
    const fleet = fleetPositions(dispatcher)

    await redis.crash()
    const lost = crypto.randomUUID()
    const duringOutage = await ping(people.driverA, { lat: 38.714, lng: -9.14 }, lost)
    expect(duringOutage.status).toBe(503)
    expect(duringOutage.headers.get('retry-after')).toBeTruthy()

    await redis.restart()
    const back = { lat: 38.7121, lng: -9.1352 }
    // The server's connections come back by themselves; the phone simply sends again.
    await until(async () => (await ping(people.driverA, back)).status === 202, 15_000)
    await until(() => fleet.some((location) => location.lat === back.lat), 15_000)
    expect(dispatcher.connected).toBe(true)

    const history = await api(
      'GET',
      `/api/shipments/${carried.inTransit.id}/location`,
      people.dispatcher.token,
    )
    expect(history.body).toMatchObject(back)
    expect(fleet.some((location) => location.lat === 38.714)).toBe(false)
  })
})
