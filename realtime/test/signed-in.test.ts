import { changeAccountAccess } from '@dropmate/db'
import type { SignedIn } from '@dropmate/kit/testing'
import { sign } from 'hono/jwt'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  fromFleetRow,
  type DriverDutyChange,
  type DriverLocation,
  type FleetFrame,
  type ShipmentAssignment,
  type ShipmentUpdate,
} from '@dropmate/contracts/sockets'
import {
  collect,
  connected,
  createShipment,
  dutyEvent,
  locationEvent,
  next,
  shipmentEvent,
  sleep,
  startGateway,
  until,
  type AppClient,
  type TestGateway,
} from './support'

let gateway: TestGateway
let people: Record<'dispatcher' | 'customer' | 'otherCustomer' | 'driver' | 'otherDriver', SignedIn>

beforeAll(async () => {
  gateway = await startGateway()
  const { api } = gateway
  people = {
    dispatcher: await api.signIn('dispatcher'),
    customer: await api.signIn('customer'),
    otherCustomer: await api.signIn('customer'),
    driver: await api.signIn('driver'),
    otherDriver: await api.signIn('driver'),
  }
})

afterAll(() => gateway?.close())

async function dashboard(person: SignedIn): Promise<AppClient> {
  const socket = gateway.dashboard(person)
  await connected(socket)
  return socket
}

/** The claims of a token the API issued, to mint a variant of it. */
function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<
    string,
    unknown
  >
}

const subscribe = (socket: AppClient, shipmentId: string) =>
  socket.emitWithAck('subscribe', { shipmentId })

describe('signing in to /', () => {
  it('sends a socket away when its token expires, and refuses it back without a fresh one', async () => {
    const now = Math.floor(Date.now() / 1000)
    const claims = { ...claimsOf(people.dispatcher.token), iat: now, exp: now + 2 }
    const token = await sign(claims, gateway.api.deps.config.JWT_SECRET!, 'HS256')
    const socket = gateway.dashboard({ token })
    await connected(socket)
    const refused = next<Error & { data: unknown }>(socket, 'connect_error', 5_000)
    expect(await next(socket, 'disconnect', 5_000)).toBe('transport close')
    expect((await refused).data).toEqual({ code: 'invalid_token' })
  })

  it("sends a socket away when its user's account changes, and refuses it back", async () => {
    const gil = await gateway.api.signIn('dispatcher')
    const socket = await dashboard(gil)
    const refused = next<Error & { data: unknown }>(socket, 'connect_error', 5_000)
    const away = next(socket, 'disconnect', 5_000)
    const changed = await changeAccountAccess(gateway.api.db.sql, gil.userId, { disabled: true })
    await gateway.api.deps.accounts.announce({
      userId: gil.userId,
      version: changed!.accessVersion,
    })
    expect(await away).toBe('transport close')
    expect((await refused).data).toEqual({ code: 'invalid_token' })
  })

  it('refuses a socket without a token, and one with a bad token', async () => {
    const anonymous = gateway.dashboard({})
    await expect(connected(anonymous)).rejects.toMatchObject({
      data: { code: 'missing_token' },
    })
    const forged = gateway.dashboard({ token: 'eyJhbGciOiJIUzI1NiJ9.e30.forged' })
    await expect(connected(forged)).rejects.toMatchObject({ data: { code: 'invalid_token' } })
  })
})

describe('shipment changes on /', () => {
  it('sends a dispatcher the changes of every shipment', async () => {
    const dispatcher = await dashboard(people.dispatcher)
    const updates = collect<ShipmentUpdate>(dispatcher, 'shipment_updated')
    const mine = await createShipment(gateway.api, { customerId: people.customer.userId })
    const theirs = await createShipment(gateway.api, { customerId: people.otherCustomer.userId })
    await gateway.deliver([shipmentEvent('created', mine), shipmentEvent('created', theirs)])
    await until(() => updates.length === 2)
    expect(updates.map((update) => update.shipmentId)).toEqual([mine.id, theirs.id])
    expect(updates[0]).toMatchObject({
      trackingNumber: mine.trackingNumber,
      status: 'pending',
      customerId: people.customer.userId,
      version: mine.version,
      reason: null,
    })
  })

  it('sends a customer the changes of their own shipments only', async () => {
    const customer = await dashboard(people.customer)
    const updates = collect<ShipmentUpdate>(customer, 'shipment_updated')
    const theirs = await createShipment(gateway.api, { customerId: people.otherCustomer.userId })
    const mine = await createShipment(gateway.api, { customerId: people.customer.userId })
    const arrived = next(customer, 'shipment_updated')
    await gateway.deliver([shipmentEvent('created', theirs)])
    await gateway.deliver([shipmentEvent('created', mine)])
    // Events reach a socket in order: once its own arrived, the other one would have too.
    await arrived
    expect(updates.map((update) => update.shipmentId)).toEqual([mine.id])
  })

  it("refuses a subscription to another customer's shipment as if it did not exist", async () => {
    const customer = await dashboard(people.customer)
    const theirs = await createShipment(gateway.api, { customerId: people.otherCustomer.userId })
    expect(await subscribe(customer, theirs.id)).toMatchObject({ ok: false, code: 'not_found' })
    expect(await subscribe(customer, crypto.randomUUID())).toMatchObject({ code: 'not_found' })
    expect(await subscribe(customer, 'DM123')).toMatchObject({ code: 'invalid_request' })
    const mine = await createShipment(gateway.api, { customerId: people.customer.userId })
    expect(await subscribe(customer, mine.id)).toEqual({ ok: true })
  })

  it('tells the driver a shipment was taken from, and the one it went to', async () => {
    const before = await dashboard(people.driver)
    const after = await dashboard(people.otherDriver)
    const shipment = await createShipment(gateway.api, {
      driverId: people.otherDriver.driverId!,
      status: 'assigned',
    })
    const event = shipmentEvent('assigned', shipment, { previousDriverId: people.driver.driverId })
    const taken = next<ShipmentAssignment>(before, 'shipment_assigned')
    const given = next<ShipmentAssignment>(after, 'shipment_assigned')
    await gateway.deliver([event])
    expect(await taken).toMatchObject({
      shipmentId: shipment.id,
      driverId: people.otherDriver.driverId,
      previousDriverId: people.driver.driverId,
    })
    expect(await given).toMatchObject({ shipmentId: shipment.id })
  })
})

describe('duty changes on /', () => {
  it('tells staff and the driver concerned, and no other driver or customer', async () => {
    const dispatcher = await dashboard(people.dispatcher)
    const driver = await dashboard(people.driver)
    const otherDriver = await dashboard(people.otherDriver)
    const customer = await dashboard(people.customer)
    const otherDriverHeard = collect<DriverDutyChange>(otherDriver, 'driver_status_changed')
    const customerHeard = collect<DriverDutyChange>(customer, 'driver_status_changed')
    const change = {
      driverId: people.driver.driverId!,
      from: 'available',
      to: 'offline',
      changedAt: new Date().toISOString(),
    }
    const toStaff = next<DriverDutyChange>(dispatcher, 'driver_status_changed')
    const toDriver = next<DriverDutyChange>(driver, 'driver_status_changed')

    await gateway.deliver([dutyEvent(change)])

    expect(await toStaff).toEqual(change)
    expect(await toDriver).toEqual(change)
    // Then events that are theirs: a copy of the first would have come before them.
    const theirChange = next<DriverDutyChange>(otherDriver, 'driver_status_changed')
    const theirShipment = next<ShipmentUpdate>(customer, 'shipment_updated')
    const shipment = await createShipment(gateway.api, { customerId: people.customer.userId })
    await gateway.deliver([
      dutyEvent({ driverId: people.otherDriver.driverId!, from: 'offline', to: 'available' }),
      shipmentEvent('created', shipment),
    ])
    await Promise.all([theirChange, theirShipment])
    expect(otherDriverHeard.map((heard) => heard.driverId)).toEqual([people.otherDriver.driverId])
    expect(customerHeard).toEqual([])
  })

  it('refuses a duty change with a status that does not exist, carrying nothing', async () => {
    const reply = await gateway.deliver([
      dutyEvent({ driverId: people.driver.driverId!, from: 'available', to: 'asleep' }),
    ])
    expect(reply.status).toBe(400)
  })
})

describe('driver positions on /', () => {
  it('gives a subscribed customer their driver’s position with their own arrival window only', async () => {
    const { driverId } = people.driver
    const mine = await createShipment(gateway.api, {
      customerId: people.customer.userId,
      driverId: driverId!,
      status: 'in_transit',
    })
    const theirs = await createShipment(gateway.api, {
      customerId: people.otherCustomer.userId,
      driverId: driverId!,
      status: 'in_transit',
    })
    await gateway.deliver([
      shipmentEvent('status_changed', mine),
      shipmentEvent('status_changed', theirs),
    ])
    const customer = await dashboard(people.customer)
    const dispatcher = await dashboard(people.dispatcher)
    expect(await subscribe(customer, mine.id)).toEqual({ ok: true })
    const eta = {
      earliest: '2026-11-26T10:15:00.000Z',
      latest: '2026-11-26T10:30:00.000Z',
      distanceM: 2140,
    }
    const deliveries = [
      { shipmentId: mine.id, eta },
      { shipmentId: theirs.id, eta: { ...eta, distanceM: 900 } },
    ]
    const toCustomer = next<DriverLocation>(customer, 'driver_location')
    const frames = collect<FleetFrame>(dispatcher, 'fleet_positions')
    const toStaff = () =>
      frames
        .flatMap((frame) => frame.positions.map(fromFleetRow))
        .find((p) => p.driverId === driverId)
    await gateway.publish([locationEvent(driverId!, { lat: 38.72, lng: -9.13, deliveries })])
    expect(await toCustomer).toMatchObject({
      driverId,
      lat: 38.72,
      lng: -9.13,
      deliveries: [{ shipmentId: mine.id, eta }],
    })
    await until(() => toStaff() !== undefined)
    expect(toStaff()!.deliveries).toHaveLength(2)
  })

  it('stops sending a shipment to a driver who subscribed once it went to another driver', async () => {
    const first = people.driver.driverId!
    const second = people.otherDriver.driverId!
    const shipment = await createShipment(gateway.api, { driverId: first, status: 'in_transit' })
    await gateway.deliver([shipmentEvent('status_changed', shipment)])
    const driver = await dashboard(people.driver)
    expect(await subscribe(driver, shipment.id)).toEqual({ ok: true })
    const positions = collect<DriverLocation>(driver, 'driver_location')

    // Handed over to the other driver (as staff can, by assigning again after a failure).
    await gateway.api.db.sql`update shipments set driver_id = ${second} where id = ${shipment.id}`
    const handedOver = { ...shipment, driverId: second, version: shipment.version + 1 }
    await gateway.deliver([shipmentEvent('status_changed', handedOver)])
    await gateway.publish([locationEvent(second, { lat: 38.7, lng: -9.1 })])
    await sleep(200) // a few windows: the position went out, to whom it went
    const update = next<ShipmentUpdate>(driver, 'shipment_updated')
    const later = await createShipment(gateway.api, { driverId: first, status: 'assigned' })
    await gateway.deliver([shipmentEvent('assigned', later)])
    expect(await update).toMatchObject({ shipmentId: later.id })
    expect(positions).toEqual([])
  })
})
