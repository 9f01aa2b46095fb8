import { startOutboxRelay, type OutboxRelay } from '@dropmate/broker'
import { decodeEvent } from '@dropmate/events'
import { EVENT_TYPES } from '@dropmate/contracts/event-types'
import type { SignedIn } from '@dropmate/kit/testing'
import { ingestLocations } from '@dropmate/locations'
import { reportPosition, untilCarrying } from '@dropmate/locations/testing'
import { startShipmentsApi } from '@dropmate/shipments/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

let stack: Awaited<ReturnType<typeof startShipmentsApi>>
// As in the server: shipment events reach the broker's log, where ingest learns what each
// driver carries.
let relay: OutboxRelay

beforeAll(async () => {
  stack = await startShipmentsApi({}, (deps) => [ingestLocations.app(deps)])
  relay = startOutboxRelay({ sql: stack.api.db.sql, transport: stack.api.deps.transport })
})

afterAll(async () => {
  await relay?.stop()
  await stack?.api.close()
})

// The receiver of every test shipment lives at Rua dos Remédios 4, Alfama (38.7118, -9.1306).
const ESTRELA = { lat: 38.7135, lng: -9.1605 } // 2.6 km west
const GRACA = { lat: 38.7169, lng: -9.1306 } // 570 m north
const NEXT_DOOR = { lat: 38.7121, lng: -9.131 } // 45 m
const ON_THE_STEP = { lat: 38.7118, lng: -9.1305 }

/** A driver of their own with a parcel in `status`, once ingest has heard of it. */
async function carrying(status: string) {
  const driver = await stack.onDuty('driver', 'Marta Lopes')
  const shipment = await stack.shipmentIn(status, stack.people.customer, driver)
  await untilCarrying(stack.api, driver, status === 'in_transit' ? [shipment.id] : [])
  return { driver, shipment }
}

/** The driver's phone sends where it is to ingest, over HTTP. */
const report = (driver: SignedIn, at: { lat: number; lng: number; speedMps?: number }) =>
  reportPosition(stack.api, driver, at)

const track = (trackingNumber: string) =>
  stack.api.request('GET', `/api/shipments/track/${trackingNumber}`)

const arrivalsOf = async (shipmentId: string) => ({
  timeline: (await stack.timelineOf(shipmentId)).filter((e) => e.type === 'arrived_nearby'),
  announced: (await stack.outboxOf(shipmentId)).filter(
    (e) => e.type === EVENT_TYPES.shipmentArriving,
  ),
})

describe('arrival estimates', () => {
  it('show on the tracking page as a window while the parcel is on its way', async () => {
    const { driver, shipment } = await carrying('in_transit')
    await report(driver, { ...ESTRELA, speedMps: 4 })

    const { body } = await track(shipment.trackingNumber)

    expect(body.driverPosition).toMatchObject(ESTRELA)
    expect(body.eta.distanceM).toBeGreaterThan(2_500)
    expect(body.eta.distanceM).toBeLessThan(2_700)
    const minutes = (iso: string) => (Date.parse(iso) - Date.now()) / 60_000
    // 2.6 km at 14 km/h: a quarter hour give or take, never a single minute
    expect(minutes(body.eta.earliest)).toBeGreaterThan(5)
    expect(minutes(body.eta.latest)).toBeLessThan(35)
    expect(minutes(body.eta.latest) - minutes(body.eta.earliest)).toBeGreaterThanOrEqual(5)
  })

  it('ride along with the position on the positions feed', async () => {
    const { driver, shipment } = await carrying('in_transit')
    const announced: string[] = []
    const follower = stack.api.deps.positions.follow((events) => announced.push(...events))
    await follower.ready
    await report(driver, { ...GRACA, speedMps: 5 })

    await expect.poll(() => announced.length).toBeGreaterThan(0)
    await follower.close()
    const mine = announced
      .map((event) => decodeEvent(event))
      .filter((event) => event.subject === driver.driverId)

    expect(mine).toHaveLength(1)
    expect(mine[0]!.data).toMatchObject({
      driverId: driver.driverId,
      ...GRACA,
      deliveries: [{ shipmentId: shipment.id, eta: { distanceM: expect.any(Number) } }],
    })
  })

  it('are not made for a parcel not yet on its way', async () => {
    const { driver, shipment } = await carrying('picked_up')
    await report(driver, ESTRELA)

    expect((await track(shipment.trackingNumber)).body).toMatchObject({
      eta: null,
      driverPosition: null,
    })
  })
})

describe('arriving', () => {
  it('is recorded once when the driver comes within reach of the door', async () => {
    const { driver, shipment } = await carrying('in_transit')

    await report(driver, GRACA)
    expect((await arrivalsOf(shipment.id)).timeline).toHaveLength(0)

    await report(driver, NEXT_DOOR)
    await report(driver, ON_THE_STEP)
    await report(driver, NEXT_DOOR)

    const { timeline, announced } = await arrivalsOf(shipment.id)
    expect(timeline).toHaveLength(1)
    expect(announced).toHaveLength(1)
    expect(announced[0]!.data).toMatchObject({
      shipmentId: shipment.id,
      trackingNumber: shipment.trackingNumber,
      driverId: driver.driverId,
    })
    const steps = (await track(shipment.trackingNumber)).body.timeline.map(
      (step: { status: string }) => step.status,
    )
    expect(steps.at(-1)).toBe('arriving')
  })

  it('is announced once when pings at the door reach ingest at the same moment', async () => {
    const { driver, shipment } = await carrying('in_transit')

    await Promise.all([NEXT_DOOR, ON_THE_STEP, NEXT_DOOR].map((at) => report(driver, at)))

    const { timeline, announced } = await arrivalsOf(shipment.id)
    expect(timeline).toHaveLength(1)
    expect(announced).toHaveLength(1)
  })

  it('is not recorded for a parcel that is not in transit', async () => {
    const { driver, shipment } = await carrying('picked_up')

    await report(driver, ON_THE_STEP)

    expect(await arrivalsOf(shipment.id)).toEqual({ timeline: [], announced: [] })
  })
})
