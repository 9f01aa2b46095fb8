import type { SignedIn } from '@dropmate/kit/testing'
import type { Shipment } from '@dropmate/db'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PublicDriverLocation, PublicShipmentUpdate } from '@dropmate/contracts/sockets'
import { LOOKUPS_PER_MINUTE, MAX_TRACKED } from '../src/track-namespace'
import {
  collect,
  connected,
  createShipment,
  locationEvent,
  next,
  shipmentEvent,
  sleep,
  startGateway,
  type TestGateway,
  type TrackingClient,
} from './support'

let gateway: TestGateway
let driver: SignedIn

beforeAll(async () => {
  gateway = await startGateway()
  driver = await gateway.api.signIn('driver')
})

afterAll(() => gateway?.close())

async function trackingPage(): Promise<TrackingClient> {
  const page = gateway.trackingPage()
  await connected(page)
  return page
}

/** The shipment moved one step on, as the database and the announced event say. */
async function move(shipment: Shipment, to: Shipment['status']): Promise<Shipment> {
  const [moved] = await gateway.api.db.sql<Shipment[]>`
    update shipments set status = ${to} where id = ${shipment.id} returning *
  `
  await gateway.deliver([shipmentEvent('status_changed', moved!)])
  return moved!
}

describe('/track', () => {
  it('refuses a tracking number no parcel has', async () => {
    const page = await trackingPage()
    expect(await page.emitWithAck('track', { trackingNumber: 'DM0000000000ZZ' })).toMatchObject({
      ok: false,
      code: 'not_found',
    })
    expect(await page.emitWithAck('track', { trackingNumber: 'not a number' })).toMatchObject({
      code: 'not_found',
    })
  })

  it('sends the driver’s position only while the shipment is in transit, without ids or names', async () => {
    const driverId = driver.driverId!
    let shipment = await createShipment(gateway.api, { driverId, status: 'picked_up' })
    await gateway.deliver([shipmentEvent('status_changed', shipment)])
    const page = await trackingPage()
    // typed the way people read it out: lower case, with dashes
    const typed = `${shipment.trackingNumber.slice(0, 7)}-${shipment.trackingNumber.slice(7)}`
    expect(await page.emitWithAck('track', { trackingNumber: typed.toLowerCase() })).toEqual({
      ok: true,
      status: 'picked_up',
    })
    const positions = collect<PublicDriverLocation>(page, 'driver_location')
    const updates = collect<PublicShipmentUpdate>(page, 'shipment_updated')
    const eta = {
      earliest: '2026-11-26T10:15:00.000Z',
      latest: '2026-11-26T10:30:00.000Z',
      distanceM: 2140,
    }
    const ping = (lat: number) =>
      gateway.publish([
        locationEvent(driverId, {
          lat,
          lng: -9.13,
          deliveries: [{ shipmentId: shipment.id, eta }],
        }),
      ])

    await ping(38.701) // picked up, not yet on the way: nothing
    await sleep(200) // a few windows: its frame went out before the move
    const inTransit = next<PublicShipmentUpdate>(page, 'shipment_updated')
    shipment = await move(shipment, 'in_transit')
    await inTransit
    const position = next<PublicDriverLocation>(page, 'driver_location')
    await ping(38.702)
    expect(await position).toEqual({
      trackingNumber: shipment.trackingNumber,
      lat: 38.702,
      lng: -9.13,
      recordedAt: expect.any(String),
      eta,
    })
    const delivered = next<PublicShipmentUpdate>(page, 'shipment_updated')
    shipment = await move(shipment, 'delivered')
    await delivered
    await ping(38.703) // delivered: nothing again

    // A later change shows that whatever was sent before it has arrived.
    const cancelled = await createShipment(gateway.api)
    const last = next(page, 'shipment_updated')
    await page.emitWithAck('track', { trackingNumber: cancelled.trackingNumber })
    await gateway.deliver([shipmentEvent('status_changed', { ...cancelled, status: 'cancelled' })])
    await last
    expect(positions.map((p) => p.lat)).toEqual([38.702])
    expect(updates.map(({ status }) => status)).toEqual(['in_transit', 'delivered', 'cancelled'])
    expect(Object.keys(updates[0]!).sort()).toEqual(['at', 'status', 'trackingNumber'])
  })

  it(`follows at most ${MAX_TRACKED} shipments per page`, async () => {
    const page = await trackingPage()
    const shipments = await Promise.all(
      Array.from({ length: MAX_TRACKED + 1 }, () => createShipment(gateway.api)),
    )
    const track = (shipment: Shipment) =>
      page.emitWithAck('track', { trackingNumber: shipment.trackingNumber })
    for (const shipment of shipments.slice(0, MAX_TRACKED)) {
      expect(await track(shipment)).toMatchObject({ ok: true })
    }
    expect(await track(shipments[MAX_TRACKED]!)).toMatchObject({ code: 'limit_reached' })
    const untracked = { trackingNumber: shipments[0]!.trackingNumber }
    expect(await page.emitWithAck('untrack', untracked)).toEqual({ ok: true })
    expect(await track(shipments[MAX_TRACKED]!)).toMatchObject({ ok: true })
  })

  it(`answers at most ${LOOKUPS_PER_MINUTE} lookups a minute per page`, async () => {
    const page = await trackingPage()
    const lookup = () => page.emitWithAck('track', { trackingNumber: 'DM0000000000ZZ' })
    for (let i = 0; i < LOOKUPS_PER_MINUTE; i++) {
      expect(await lookup()).toMatchObject({ code: 'not_found' })
    }
    expect(await lookup()).toMatchObject({ code: 'rate_limited' })
  })
})
