import type { SignedIn } from '@dropmate/kit/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ShipmentUpdate } from '@dropmate/contracts/sockets'
import {
  connected,
  createShipment,
  next,
  shipmentEvent,
  sleep,
  startGateway,
  type TestGateway,
} from './support'

let gateway: TestGateway
let dispatcher: SignedIn

beforeAll(async () => {
  gateway = await startGateway()
  dispatcher = await gateway.api.signIn('dispatcher')
})

afterAll(() => gateway?.close())

describe('a live dashboard', () => {
  it('is sent what it missed during a brief disconnection once it is back', async () => {
    const socket = gateway.dashboard(dispatcher, { reconnectionDelay: 300 })
    await connected(socket)
    // Recovery resumes after the last event received: a socket that got none starts afresh.
    const seen = await createShipment(gateway.api)
    const first = next(socket, 'shipment_updated')
    await gateway.deliver([shipmentEvent('created', seen)])
    await first
    const shipment = await createShipment(gateway.api)
    const dropped = next(socket, 'disconnect')
    socket.io.engine.close() // as a dead network would, short of a goodbye
    await dropped
    expect(socket.connected).toBe(false)

    const missed = next<ShipmentUpdate>(socket, 'shipment_updated')
    await gateway.deliver([shipmentEvent('created', shipment)])
    expect(await missed).toMatchObject({ shipmentId: shipment.id })
    expect(socket.recovered).toBe(true)
  })
})

describe('a live dashboard beside the gateway’s database check', () => {
  let checked: TestGateway
  beforeAll(async () => {
    checked = await startGateway({ gateway: { reconcileMs: 20 } })
  })
  afterAll(() => checked?.close())

  it('is told of a change whose event arrives after the check already read it', async () => {
    const staff = await checked.api.signIn('dispatcher')
    const socket = checked.dashboard(staff)
    await connected(socket)
    const { driverId } = await checked.api.signIn('driver')
    // Committed, and seen by the periodic check, before its event reaches the gateway.
    const shipment = await createShipment(checked.api, {
      driverId: driverId!,
      status: 'in_transit',
    })
    await sleep(200)

    const update = next<ShipmentUpdate>(socket, 'shipment_updated')
    await checked.deliver([shipmentEvent('status_changed', shipment)])
    expect(await update).toMatchObject({ shipmentId: shipment.id, status: 'in_transit' })
  })
})
