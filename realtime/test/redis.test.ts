import { deleteRedisKeys } from '@dropmate/db/testing'
import { Redis } from 'ioredis'
import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DriverLocation, FleetFrame, ShipmentUpdate } from '@dropmate/contracts/sockets'
import {
  collect,
  connected,
  createShipment,
  locationEvent,
  next,
  shipmentEvent,
  startGateway,
  until,
  type TestGateway,
} from './support'

const REDIS_URL = process.env.REDIS_URL
// Both gateways in one deployment: one key prefix.
const prefix = `test:${randomBytes(6).toString('hex')}:`
let a: TestGateway
let b: TestGateway

beforeAll(async () => {
  if (!REDIS_URL) return
  const env = { REDIS_KEY_PREFIX: prefix }
  ;[a, b] = await Promise.all([startGateway({ env }), startGateway({ env })])
})

afterAll(async () => {
  await Promise.all([a?.close(), b?.close()])
  if (REDIS_URL) await deleteRedisKeys(REDIS_URL, prefix)
})

describe.runIf(REDIS_URL)('gateways sharing Redis', () => {
  it('carry an event delivered to one gateway to a dashboard on the other', async () => {
    const dispatcher = b.dashboard(await b.api.signIn('dispatcher'))
    await connected(dispatcher)
    const shipment = await createShipment(a.api)
    const update = next<ShipmentUpdate>(dispatcher, 'shipment_updated')
    await a.deliver([shipmentEvent('created', shipment)])
    expect(await update).toMatchObject({ shipmentId: shipment.id })
  })

  it('tell each other which shipments are in transit', async () => {
    const customer = await a.api.signIn('customer')
    const { driverId } = await a.api.signIn('driver')
    const shipment = await createShipment(a.api, {
      customerId: customer.userId,
      driverId: driverId!,
      status: 'in_transit',
    })
    const socket = a.dashboard(customer)
    await connected(socket)
    expect(await socket.emitWithAck('subscribe', { shipmentId: shipment.id })).toEqual({ ok: true })
    await a.deliver([shipmentEvent('status_changed', shipment)])

    // Gateway b learns of it from a, and carries the driver's next position to the subscriber
    // (a does too: every gateway reads every position).
    const received = collect<DriverLocation>(socket, 'driver_location')
    await until(async () => {
      await b.publish([locationEvent(driverId!, { lat: 38.71, lng: -9.14 })])
      return received.length > 0
    })
  })

  it('each send every position to their own sockets, none of it through Redis between them', async () => {
    const onA = a.dashboard(await a.api.signIn('dispatcher'))
    const onB = b.dashboard(await b.api.signIn('dispatcher'))
    await Promise.all([connected(onA), connected(onB)])
    const drivers = Array.from({ length: 20 }, () => crypto.randomUUID())
    const seenBy = (socket: typeof onA) => {
      const frames = collect<FleetFrame>(socket, 'fleet_positions')
      return () => new Set(frames.flatMap((frame) => frame.positions.map(([driverId]) => driverId)))
    }
    const [seenOnA, seenOnB] = [seenBy(onA), seenBy(onB)]
    const monitor = await new Redis(REDIS_URL!).monitor()
    const adapterWrites: string[][] = []
    monitor.on('monitor', (_time: string, args: string[]) => {
      const command = args[0]?.toLowerCase()
      const touchesAdapter = args.some((arg) => arg.startsWith(`${prefix}socket.io`))
      if ((command === 'xadd' || command === 'publish') && touchesAdapter) adapterWrites.push(args)
    })
    try {
      for (const [i, driver] of drivers.entries()) {
        await a.publish([locationEvent(driver, { lat: 38.7 + i / 1000, lng: -9.1 })])
      }
      const all = (seen: Set<string>) => drivers.every((driver) => seen.has(driver))
      await until(() => all(seenOnA()) && all(seenOnB()), 10_000)
    } finally {
      monitor.disconnect()
    }
    expect(adapterWrites).toEqual([])
  })

  it('keep the adapter’s stream and sessions under the key prefix', async () => {
    const admin = new Redis(REDIS_URL!)
    try {
      expect(await admin.type(`${prefix}socket.io`)).toBe('stream')
      const dispatcher = a.dashboard(await a.api.signIn('dispatcher'))
      await connected(dispatcher)
      // a broadcast gives the socket an offset to recover from
      const update = next<ShipmentUpdate>(dispatcher, 'shipment_updated')
      await a.deliver([shipmentEvent('created', await createShipment(a.api))])
      await update
      dispatcher.io.engine.close()
      await until(async () => (await admin.keys(`${prefix}sio:session:*`)).length > 0)
    } finally {
      admin.disconnect()
    }
  })
})
