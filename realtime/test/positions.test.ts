import type { SignedIn } from '@dropmate/kit/testing'
import type { Shipment } from '@dropmate/db'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  fromFleetRow,
  type DriverLocation,
  type FleetFrame,
  type PublicDriverLocation,
  type ShipmentUpdate,
} from '@dropmate/contracts/sockets'
import {
  collect,
  connected,
  createShipment,
  locationEvent,
  next,
  shipmentEvent,
  sleep,
  startGateway,
  until,
  type AppClient,
  type TestGateway,
} from './support'

// Long enough that positions appended one after another fall into one window on a busy machine.
const WINDOW_MS = 300
let gateway: TestGateway
let dispatcher: SignedIn

beforeAll(async () => {
  gateway = await startGateway({ gateway: { frameMs: WINDOW_MS } })
  dispatcher = await gateway.api.signIn('dispatcher')
})

afterAll(() => gateway?.close())

/** The frames a staff socket receives from now on, narrowed to the drivers named. */
function framesOf(socket: AppClient, drivers: string[]) {
  const frames = collect<FleetFrame>(socket, 'fleet_positions')
  return () =>
    frames
      .map(({ positions }) =>
        positions.map(fromFleetRow).filter((p) => drivers.includes(p.driverId)),
      )
      .filter((positions) => positions.length > 0)
}

async function staffSocket() {
  const socket = gateway.dashboard(dispatcher)
  await connected(socket)
  return socket
}

const at = (base: number, offsetMs: number) => new Date(base + offsetMs)

describe('positions from the feed', () => {
  it('reach a dispatcher as one frame per window with every driver that moved, each at its newest', async () => {
    const socket = await staffSocket()
    const [a, b] = [crypto.randomUUID(), crypto.randomUUID()]
    const frames = framesOf(socket, [a, b])
    const now = Date.now()
    await gateway.publish([locationEvent(a, { lat: 38.71, lng: -9.14, recordedAt: at(now, 0) })])
    await gateway.publish([locationEvent(b, { lat: 38.72, lng: -9.15, recordedAt: at(now, 5) })])
    await gateway.publish([locationEvent(a, { lat: 38.73, lng: -9.16, recordedAt: at(now, 10) })])

    await until(() => frames().length > 0)
    await sleep(WINDOW_MS * 2)
    expect(frames()).toHaveLength(1)
    expect(frames()[0]!.map(({ driverId, lat }) => ({ driverId, lat }))).toEqual([
      { driverId: a, lat: 38.73 },
      { driverId: b, lat: 38.72 },
    ])
  })

  it('never sends a driver back in time: a position older than one sent is dropped', async () => {
    const socket = await staffSocket()
    const driver = crypto.randomUUID()
    const frames = framesOf(socket, [driver])
    const now = Date.now()
    const position = (offsetMs: number) =>
      locationEvent(driver, { lat: 38.7, lng: -9.1, recordedAt: at(now, offsetMs) })
    await gateway.publish([position(20)])
    await until(() => frames().length === 1)
    await gateway.publish([position(10)])
    await sleep(WINDOW_MS * 2)
    await gateway.publish([position(30)])
    await until(() => frames().length === 2)
    const sent = frames().flatMap((positions) => positions.map((p) => p.recordedAt))
    expect(sent).toEqual([at(now, 20).toISOString(), at(now, 30).toISOString()])
  })

  it('skips an entry that is not a driver’s position and carries on with the next', async () => {
    const socket = await staffSocket()
    const driver = crypto.randomUUID()
    const frames = framesOf(socket, [driver])
    await gateway.api.deps.positions.append([
      'not json',
      JSON.stringify(locationEvent(driver, { lat: 91, lng: 0 })),
      JSON.stringify({ ...locationEvent(driver, { lat: 1, lng: 1 }), type: 'com.example.v1' }),
    ])
    await gateway.publish([locationEvent(driver, { lat: 38.7, lng: -9.1 })])
    await until(() => frames().length === 1)
    expect(frames()[0]!.map((p) => p.lat)).toEqual([38.7])
    const metrics = await gateway.api.request('GET', '/metrics')
    expect(metrics.body).toMatch(/dropmate_realtime_positions_read_total\{outcome="unreadable"\} 3/)
  })

  it('greets a dispatcher that (re)connects with the newest position of each driver', async () => {
    const driver = crypto.randomUUID()
    await gateway.publish([locationEvent(driver, { lat: 38.74, lng: -9.12 })])
    await sleep(WINDOW_MS * 2)
    const socket = gateway.dashboard(dispatcher)
    const greeting = next<FleetFrame>(socket, 'fleet_positions')
    expect((await greeting).positions.map(fromFleetRow)).toContainEqual(
      expect.objectContaining({ driverId: driver, lat: 38.74 }),
    )
  })
})

describe('positions of a parcel', () => {
  let driver: SignedIn
  let owner: SignedIn
  let other: SignedIn
  let onTheWay: Shipment
  let pickedUp: Shipment

  beforeAll(async () => {
    driver = await gateway.api.signIn('driver')
    owner = await gateway.api.signIn('customer')
    other = await gateway.api.signIn('customer')
    const driverId = driver.driverId!
    onTheWay = await createShipment(gateway.api, {
      driverId,
      customerId: owner.userId,
      status: 'in_transit',
    })
    pickedUp = await createShipment(gateway.api, {
      driverId,
      customerId: other.userId,
      status: 'picked_up',
    })
    await gateway.deliver([
      shipmentEvent('status_changed', onTheWay),
      shipmentEvent('status_changed', pickedUp),
    ])
  })

  const eta = {
    earliest: '2026-11-26T10:15:00.000Z',
    latest: '2026-11-26T10:30:00.000Z',
    distanceM: 900,
  }
  const position = (lat: number) =>
    locationEvent(driver.driverId!, {
      lat,
      lng: -9.13,
      deliveries: [
        { shipmentId: onTheWay.id, eta },
        { shipmentId: pickedUp.id, eta },
      ],
    })

  async function watchers() {
    const ownerSocket = gateway.dashboard(owner)
    const otherSocket = gateway.dashboard(other)
    const [page, otherPage] = [gateway.trackingPage(), gateway.trackingPage()]
    await Promise.all([ownerSocket, otherSocket, page, otherPage].map(connected))
    expect(await ownerSocket.emitWithAck('subscribe', { shipmentId: onTheWay.id })).toEqual({
      ok: true,
    })
    expect(await otherSocket.emitWithAck('subscribe', { shipmentId: pickedUp.id })).toEqual({
      ok: true,
    })
    expect(await page.emitWithAck('track', { trackingNumber: onTheWay.trackingNumber })).toEqual({
      ok: true,
      status: 'in_transit',
    })
    expect(
      await otherPage.emitWithAck('track', { trackingNumber: pickedUp.trackingNumber }),
    ).toEqual({ ok: true, status: 'picked_up' })
    return { ownerSocket, otherSocket, page, otherPage }
  }

  it('reach its owner and its tracking pages only while it is in transit, with its own arrival window', async () => {
    const { ownerSocket, otherSocket, page, otherPage } = await watchers()
    const ownersView = collect<DriverLocation>(ownerSocket, 'driver_location')
    const publicView = collect<PublicDriverLocation>(page, 'driver_location')
    const leaks = [
      ...collect(otherSocket, 'driver_location'),
      ...collect(otherPage, 'driver_location'),
      ...collect(ownerSocket, 'fleet_positions'),
    ]
    await gateway.publish([position(38.701)])
    await until(() => ownersView.length === 1 && publicView.length === 1)
    expect(ownersView[0]).toMatchObject({
      driverId: driver.driverId,
      lat: 38.701,
      deliveries: [{ shipmentId: onTheWay.id, eta }],
    })
    expect(publicView[0]).toEqual({
      trackingNumber: onTheWay.trackingNumber,
      lat: 38.701,
      lng: -9.13,
      recordedAt: expect.any(String),
      eta,
    })
    await sleep(WINDOW_MS * 2)
    expect(leaks).toEqual([])
  })

  it('are held back from a parcel delivered while its frame was gathering', async () => {
    const { ownerSocket, page } = await watchers()
    const positions = [
      ...collect(ownerSocket, 'driver_location'),
      ...collect(page, 'driver_location'),
    ]
    const delivered = next<ShipmentUpdate>(ownerSocket, 'shipment_updated')
    const [moved] = await gateway.api.db.sql<Shipment[]>`
      update shipments set status = 'delivered' where id = ${onTheWay.id} returning *
    `
    await gateway.publish([position(38.702)])
    // Within the window: the frame goes out after the registry heard of the delivery.
    await gateway.deliver([shipmentEvent('status_changed', moved!)])
    await delivered
    await sleep(WINDOW_MS * 2)
    expect(positions).toEqual([])
  })
})
