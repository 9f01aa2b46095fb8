import { startTestApi, type Reply, type TestApi } from '@dropmate/kit/testing'
import { newTrackingNumber, type LatLng, type ShipmentStatus } from '@dropmate/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { assignShipment, cancelShipment, changeShipmentStatus } from '@dropmate/shipments'
import { driverRoute } from '../src'
import { startOsrmServer } from './osrm/osrm-server'

let api: TestApi
let roadApi: TestApi
let osrm: Awaited<ReturnType<typeof startOsrmServer>>

beforeAll(async () => {
  osrm = await startOsrmServer()
  ;[api, roadApi] = await Promise.all([
    // With the moves that change a driver's deliveries, to see the route follow them.
    startTestApi((deps) => [
      driverRoute.app(deps),
      changeShipmentStatus.app(deps),
      assignShipment.app(deps),
      cancelShipment.app(deps),
    ]),
    startTestApi((deps) => driverRoute.app(deps), { ROUTING_URL: osrm.url }),
  ])
}, 60_000)

afterAll(async () => {
  await Promise.all([api?.close(), roadApi?.close()])
  await osrm?.close()
})

const caisDoSodre = { lat: 38.706, lng: -9.145 }
const almada = { lat: 38.679, lng: -9.157 }
const belem = { lat: 38.697, lng: -9.206 }
/** A point `m` metres east of Cais do Sodré. */
const east = (m: number): LatLng => ({ lat: 38.706, lng: -9.145 + m / 86_771 })

let assignedSeconds = 0

/** A shipment in `driverId`'s hands, assigned after every earlier one. */
async function give(
  on: TestApi,
  driverId: string,
  status: ShipmentStatus,
  { from = east(0), to }: { from?: LatLng; to: LatLng },
) {
  assignedSeconds += 1
  const [row] = await on.db.sql<{ id: string; trackingNumber: string }[]>`
    insert into shipments ${on.db.sql({
      trackingNumber: newTrackingNumber(),
      status,
      driverId,
      senderName: 'Corner Bakery',
      senderAddress: `Shop at ${from.lat},${from.lng}`,
      senderLat: from.lat,
      senderLng: from.lng,
      receiverName: 'Ana Silva',
      receiverAddress: `Door at ${to.lat},${to.lng}`,
      receiverLat: to.lat,
      receiverLng: to.lng,
      assignedAt: new Date(Date.UTC(2026, 11, 5, 9, 0, assignedSeconds)),
      cancelledAt: status === 'cancelled' ? new Date() : null,
    })}
    returning id, tracking_number
  `
  return row!
}

async function placeDriver(on: TestApi, driverId: string, at: LatLng) {
  await on.deps.locations.store.advance([
    { driverId, ...at, accuracyM: 5, speedMps: null, headingDeg: null, recordedAt: new Date() },
  ])
}

async function driver(on: TestApi = api) {
  const signedIn = await on.signIn('driver')
  return { ...signedIn, driverId: signedIn.driverId! }
}

const routeOf = async (on: TestApi, driverId: string, token: string) =>
  on.request('GET', `/api/drivers/${driverId}/route`, { token })

const stopsOf = (reply: Reply) =>
  reply.body.stops.map((s: { kind: string; shipmentId: string }) => `${s.kind} ${s.shipmentId}`)

function expectProblem(reply: Reply, status: number, code: string) {
  expect(reply.status).toBe(status)
  expect(reply.headers.get('content-type')).toBe('application/problem+json')
  expect(reply.body).toMatchObject({ status, code })
}

describe('GET /api/drivers/{id}/route', () => {
  it('collects each parcel before delivering it, and starts where the driver is', async () => {
    const me = await driver()
    await placeDriver(api, me.driverId, east(0))
    // Collected at 2 km, delivered at 300 m: the door is on the way, the parcel is not yet.
    const back = await give(api, me.driverId, 'assigned', { from: east(2_000), to: east(300) })
    const inBag = await give(api, me.driverId, 'in_transit', { to: east(1_000) })
    const onward = await give(api, me.driverId, 'assigned', { from: east(1_500), to: east(2_500) })

    const reply = await routeOf(api, me.driverId, me.token)
    expect(reply.status).toBe(200)
    expect(stopsOf(reply)).toEqual([
      `dropoff ${inBag.id}`,
      `pickup ${onward.id}`,
      `pickup ${back.id}`,
      `dropoff ${onward.id}`,
      `dropoff ${back.id}`,
    ])
    expect(reply.body).toMatchObject({
      driverId: me.driverId,
      start: { lat: 38.706, lng: -9.145 },
      distanceSource: 'straight',
      line: { type: 'LineString' },
    })
    const [first] = reply.body.stops
    expect(first).toEqual({
      shipmentId: inBag.id,
      trackingNumber: inBag.trackingNumber,
      kind: 'dropoff',
      lat: 38.706,
      lng: east(1_000).lng,
      name: 'Ana Silva',
      address: expect.stringMatching(/^Door at /),
      legDistanceM: expect.closeTo(1_000, -1),
      arrivalAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      late: false,
    })
    // The drive: 1 km out, on to 1.5, 2, back to 2.5 km and 300 m.
    expect(reply.body.totalDistanceM).toBeCloseTo(1_000 + 500 + 500 + 500 + 2_200, -1)
    expect(reply.body.line.coordinates).toHaveLength(6)
    expect(reply.body.line.coordinates[0]).toEqual([-9.145, 38.706])
  })

  it('follows the deliveries as they are assigned, picked up, delivered and cancelled', async () => {
    const me = await driver()
    const staff = await api.signIn('dispatcher')
    await api.db.sql`update drivers set duty_status = 'available' where id = ${me.driverId}`
    await placeDriver(api, me.driverId, east(0))
    const call = (method: string, path: string, body?: unknown, token = staff.token) =>
      api.request(method, path, { token, body }).then((reply) => {
        expect(reply.status, JSON.stringify(reply.body)).toBe(200)
      })
    const route = async () => stopsOf(await routeOf(api, me.driverId, me.token))

    const first = await give(api, me.driverId, 'assigned', { from: east(500), to: east(900) })
    const second = await give(api, me.driverId, 'assigned', { from: east(700), to: east(1_200) })
    expect(await route()).toEqual([
      `pickup ${first.id}`,
      `pickup ${second.id}`,
      `dropoff ${first.id}`,
      `dropoff ${second.id}`,
    ])

    const [pending] = await api.db.sql<{ id: string }[]>`
      insert into shipments ${api.db.sql({
        trackingNumber: newTrackingNumber(),
        senderName: 'Corner Bakery',
        senderAddress: 'Near',
        senderLat: east(100).lat,
        senderLng: east(100).lng,
        receiverName: 'Rui',
        receiverAddress: 'Nearer',
        receiverLat: east(200).lat,
        receiverLng: east(200).lng,
      })}
      returning id
    `
    await call('POST', `/api/shipments/${pending!.id}/assign`, { driverId: me.driverId })
    await call('PATCH', `/api/shipments/${first.id}/status`, { status: 'picked_up' }, me.token)
    await call('DELETE', `/api/shipments/${second.id}?reason=Customer%20changed%20their%20mind`)
    expect(await route()).toEqual([
      `pickup ${pending!.id}`,
      `dropoff ${pending!.id}`,
      `dropoff ${first.id}`,
    ])

    await call('PATCH', `/api/shipments/${first.id}/status`, { status: 'in_transit' }, me.token)
    await call('PATCH', `/api/shipments/${first.id}/status`, { status: 'delivered' }, me.token)
    expect(await route()).toEqual([`pickup ${pending!.id}`, `dropoff ${pending!.id}`])
  })

  it('answers an empty route for a driver with nothing open', async () => {
    const me = await driver()
    await give(api, me.driverId, 'delivered', { to: east(100) })
    const reply = await routeOf(api, me.driverId, me.token)
    expect(reply.status).toBe(200)
    expect(reply.body).toMatchObject({
      stops: [],
      totalDistanceM: 0,
      start: null,
      line: { type: 'LineString', coordinates: [] },
    })
  })

  it('orders the stops without times while the driver has shared no position', async () => {
    const me = await driver()
    await give(api, me.driverId, 'assigned', { from: east(800), to: east(100) })
    const reply = await routeOf(api, me.driverId, me.token)
    expect(reply.body.start).toBeNull()
    expect(reply.body.stops.map((s: { kind: string }) => s.kind)).toEqual(['pickup', 'dropoff'])
    expect(reply.body.stops.map((s: { arrivalAt: null }) => s.arrivalAt)).toEqual([null, null])
  })

  it.each(['admin', 'dispatcher'] as const)('serves staff (%s)', async (role) => {
    const them = await driver()
    const parcel = await give(api, them.driverId, 'in_transit', { to: east(400) })
    const { token } = await api.signIn(role)
    const reply = await routeOf(api, them.driverId, token)
    expect(reply.status).toBe(200)
    expect(stopsOf(reply)).toEqual([`dropoff ${parcel.id}`])
  })

  it("refuses a driver another driver's route", async () => {
    const them = await driver()
    const me = await driver()
    expectProblem(await routeOf(api, them.driverId, me.token), 403, 'not_your_route')
  })

  it('refuses a customer', async () => {
    const them = await driver()
    const { token } = await api.signIn('customer')
    expectProblem(await routeOf(api, them.driverId, token), 403, 'forbidden_role')
  })

  it('refuses a caller without a token', async () => {
    const them = await driver()
    expectProblem(
      await api.request('GET', `/api/drivers/${them.driverId}/route`),
      401,
      'missing_token',
    )
  })

  it('answers 404 for a driver that does not exist', async () => {
    const { token } = await api.signIn('dispatcher')
    expectProblem(
      await routeOf(api, '00000000-0000-4000-8000-000000000000', token),
      404,
      'driver_not_found',
    )
  })

  it('answers 400 naming the id when it is not a UUID', async () => {
    const { token } = await api.signIn('dispatcher')
    const reply = await routeOf(api, 'driver-1', token)
    expectProblem(reply, 400, 'invalid_request')
    expect(reply.body.errors).toContainEqual(expect.objectContaining({ field: 'path.id' }))
  })
})

describe('GET /api/drivers/{id}/route with a routing service', () => {
  it('orders by road: Belém first, since Almada is near only as the crow flies', async () => {
    const me = await driver(roadApi)
    await placeDriver(roadApi, me.driverId, caisDoSodre)
    const toAlmada = await give(roadApi, me.driverId, 'picked_up', { to: almada })
    const toBelem = await give(roadApi, me.driverId, 'picked_up', { to: belem })

    const reply = await routeOf(roadApi, me.driverId, me.token)
    expect(reply.status).toBe(200)
    expect(reply.body.distanceSource).toBe('road')
    expect(stopsOf(reply)).toEqual([`dropoff ${toBelem.id}`, `dropoff ${toAlmada.id}`])
    expect(reply.body.stops.map((s: { legDistanceM: number }) => s.legDistanceM)).toEqual([
      6_240, 8_950,
    ])
    expect(reply.body.totalDistanceM).toBe(15_190)
    // The road line from OSRM, over the bridge, not three straight segments.
    expect(reply.body.line.coordinates).toHaveLength(10)
    expect(reply.body.line.coordinates[7]).toEqual([-9.174721, 38.688517])
  })

  it('falls back to straight lines, and says so, when the routing service is down', async () => {
    const me = await driver(roadApi)
    await placeDriver(roadApi, me.driverId, caisDoSodre)
    const toAlmada = await give(roadApi, me.driverId, 'picked_up', { to: almada })
    const toBelem = await give(roadApi, me.driverId, 'picked_up', { to: belem })
    osrm.down()
    try {
      const reply = await routeOf(roadApi, me.driverId, me.token)
      expect(reply.status).toBe(200)
      expect(reply.body.distanceSource).toBe('straight')
      expect(stopsOf(reply)).toEqual([`dropoff ${toAlmada.id}`, `dropoff ${toBelem.id}`])
      expect(reply.body.line.coordinates).toHaveLength(3)
    } finally {
      osrm.up()
    }
  })

  it('falls back to straight lines when the routing service refuses the request', async () => {
    const me = await driver(roadApi)
    // No answer is recorded for this start: the server says InvalidUrl, as OSRM does.
    await placeDriver(roadApi, me.driverId, east(50))
    await give(roadApi, me.driverId, 'picked_up', { to: almada })
    const asked = osrm.requests.length
    const reply = await routeOf(roadApi, me.driverId, me.token)
    expect(reply.status).toBe(200)
    expect(reply.body.distanceSource).toBe('straight')
    expect(osrm.requests.slice(asked)).toEqual([expect.stringMatching(/^\/table\/v1\/driving\//)])
  })
})
