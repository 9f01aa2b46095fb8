import { startOutboxRelay, type OutboxRelay } from '@dropmate/broker'
import { EVENT_TYPES } from '@dropmate/contracts/event-types'
import type { SignedIn } from '@dropmate/kit/testing'
import { ingestLocations } from '@dropmate/locations'
import { reportPosition, untilCarrying } from '@dropmate/locations/testing'
import { startShipmentsApi } from '@dropmate/shipments/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

let stack: Awaited<ReturnType<typeof startShipmentsApi>>
// As in the server: ingest learns what each driver carries from the broker's log.
let relay: OutboxRelay

beforeAll(async () => {
  stack = await startShipmentsApi({}, (deps) => [ingestLocations.app(deps)])
  relay = startOutboxRelay({ sql: stack.api.db.sql, transport: stack.api.deps.transport })
})

afterAll(async () => {
  await relay?.stop()
  await stack?.api.close()
})

// The receiver of every test shipment lives at Rua dos Remédios 4, Alfama; Estrela is 2.6 km
// west: a quarter of an hour or more by bicycle, whatever the phone says of its speed.
const ESTRELA = { lat: 38.7135, lng: -9.1605 }
const minutesFromNow = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString()

/** A driver of their own with a parcel on its way, promised for the slot given. */
async function onItsWay(deliveryWindow: { from: string; to: string } | null) {
  const driver = await stack.onDuty('driver', 'Marta Lopes')
  const shipment = await stack.shipmentIn('in_transit', stack.people.customer, driver, {
    deliveryWindow,
  })
  await untilCarrying(stack.api, driver, [shipment.id])
  return { driver, shipment }
}

const report = (driver: SignedIn) => reportPosition(stack.api, driver, { ...ESTRELA, speedMps: 4 })

const atRiskOf = async (shipmentId: string) => ({
  timeline: (await stack.timelineOf(shipmentId)).filter((event) => event.type === 'at_risk'),
  announced: (await stack.outboxOf(shipmentId)).filter(
    (event) => event.type === EVENT_TYPES.shipmentAtRisk,
  ),
})

describe('a parcel at risk of missing its slot', () => {
  it('is marked and announced once, however many pings say so', async () => {
    const slot = { from: minutesFromNow(-60), to: minutesFromNow(5) }
    const { driver, shipment } = await onItsWay(slot)

    await report(driver)
    await report(driver)
    await Promise.all([report(driver), report(driver)])

    const { timeline, announced } = await atRiskOf(shipment.id)
    expect(timeline).toHaveLength(1)
    expect(announced).toHaveLength(1)
    expect(announced[0]!.data).toMatchObject({
      shipmentId: shipment.id,
      driverId: driver.driverId,
      deliveryWindow: { to: new Date(slot.to).toISOString() },
      eta: { latest: expect.any(String) },
    })
    expect(Date.parse((announced[0]!.data.eta as { latest: string }).latest)).toBeGreaterThan(
      Date.parse(slot.to),
    )
    const read = await stack.api.request('GET', `/api/shipments/${shipment.id}`, {
      token: stack.people.dispatcher.token,
    })
    expect(read.body.atRiskAt).toEqual(expect.any(String))
  })

  it('is not marked while the parcel can make its slot, nor without a slot', async () => {
    const roomy = await onItsWay({ from: minutesFromNow(-60), to: minutesFromNow(180) })
    const unpromised = await onItsWay(null)

    await report(roomy.driver)
    await report(unpromised.driver)

    expect(await atRiskOf(roomy.shipment.id)).toEqual({ timeline: [], announced: [] })
    expect(await atRiskOf(unpromised.shipment.id)).toEqual({ timeline: [], announced: [] })
  })
})
