import { networkInterfaces } from 'node:os'
import { afterEach, describe, expect, it } from 'vitest'
import type { ShipmentAssignment, ShipmentUpdate } from '@dropmate/contracts/sockets'
import { factsOf, shipmentEvents } from '@dropmate/contracts/shipment-events'
import {
  collect,
  connected,
  createShipment,
  dutyEvent,
  locationEvent,
  next,
  shipmentEvent,
  startGateway,
  type TestGateway,
} from './support'

const TOKEN = 'a-broker-token-of-at-least-32-characters'
const started: TestGateway[] = []

async function start(options: Parameters<typeof startGateway>[0] = {}) {
  const gateway = await startGateway(options)
  started.push(gateway)
  return gateway
}

afterEach(async () => {
  await Promise.all(started.splice(0).map((gateway) => gateway.close()))
})

async function problem(response: Response) {
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/)
  return { status: response.status, ...((await response.json()) as { code: string }) }
}

describe('POST /realtime/events', () => {
  it('carries an event delivered twice (same source and id) once', async () => {
    const gateway = await start()
    const dispatcher = gateway.dashboard(await gateway.api.signIn('dispatcher'))
    await connected(dispatcher)
    const assignments = collect<ShipmentAssignment>(dispatcher, 'shipment_assigned')
    const { driverId } = await gateway.api.signIn('driver')
    const shipment = await createShipment(gateway.api, { driverId: driverId!, status: 'assigned' })
    const event = shipmentEvent('assigned', shipment, { previousDriverId: null })
    expect((await gateway.deliver([event])).status).toBe(202)
    expect((await gateway.deliver([event])).status).toBe(202)
    const last = next(dispatcher, 'shipment_updated')
    await gateway.deliver([shipmentEvent('created', await createShipment(gateway.api))])
    await last
    expect(assignments.map((assignment) => assignment.shipmentId)).toEqual([shipment.id])
  })

  it('carries an edit and an at-risk mark to staff as updates of the shipment', async () => {
    const gateway = await start()
    const dispatcher = gateway.dashboard(await gateway.api.signIn('dispatcher'))
    await connected(dispatcher)
    const updates = collect<ShipmentUpdate>(dispatcher, 'shipment_updated')
    const shipment = await createShipment(gateway.api)
    const facts = factsOf(shipment)
    const slot = { from: '2027-07-14T13:00:00.000Z', to: '2027-07-14T15:00:00.000Z' }
    const edited = shipmentEvents.edited('/functions/edit-shipment', {
      ...facts,
      version: facts.version + 1,
      changed: ['deliveryWindow'],
      deliveryWindow: slot,
      previousDeliveryWindow: null,
    })
    const atRisk = shipmentEvents.atRisk('/functions/ingest-locations', {
      ...facts,
      version: facts.version + 2,
      deliveryWindow: slot,
      eta: { earliest: slot.from, latest: '2027-07-14T15:30:00.000Z' },
    })
    for (const built of [edited, atRisk]) {
      const arrived = next(dispatcher, 'shipment_updated')
      expect(
        (await gateway.deliver([{ specversion: '1.0', id: crypto.randomUUID(), ...built }])).status,
      ).toBe(202)
      await arrived
    }
    expect(updates.map((update) => update.version)).toEqual([facts.version + 1, facts.version + 2])
  })

  it('refuses what is not a valid event, or carries bad data, with a 400 and carries nothing', async () => {
    const gateway = await start()
    const dispatcher = gateway.dashboard(await gateway.api.signIn('dispatcher'))
    await connected(dispatcher)
    const updates = collect<ShipmentUpdate>(dispatcher, 'shipment_updated')
    const shipment = await createShipment(gateway.api)
    const good = shipmentEvent('created', shipment)
    const notAnEvent = { ...good, specversion: undefined }
    expect(await problem(await gateway.deliver([notAnEvent]))).toMatchObject({
      status: 400,
      code: 'invalid_cloudevent',
    })
    const badDuty = dutyEvent({ driverId: crypto.randomUUID(), from: 'offline', to: 'asleep' })
    expect(await problem(await gateway.deliver([good, badDuty]))).toMatchObject({
      status: 400,
      code: 'invalid_event_data',
      detail: expect.stringMatching(/^batch\[1\]: data\.to: /),
    })
    const unknownType = { ...good, id: crypto.randomUUID(), type: 'com.example.other.v1' }
    expect((await gateway.deliver([unknownType])).status).toBe(202)
    const arrived = next(dispatcher, 'shipment_updated')
    expect((await gateway.deliver([good])).status).toBe(202)
    await arrived
    expect(updates).toHaveLength(1)
  })

  it('refuses driver positions, which reach every gateway through the positions feed', async () => {
    const gateway = await start()
    const dispatcher = gateway.dashboard(await gateway.api.signIn('dispatcher'))
    await connected(dispatcher)
    const frames = collect(dispatcher, 'fleet_positions')
    const position = locationEvent(crypto.randomUUID(), { lat: 38.7, lng: -9.1 })
    expect(await problem(await gateway.deliver([position]))).toMatchObject({
      status: 400,
      code: 'wrong_event_type',
    })
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(frames).toEqual([])
  })

  // Some address of this machine that is not loopback, if it has one.
  const external = Object.values(networkInterfaces())
    .flat()
    .find((address) => address && !address.internal && address.family === 'IPv4')?.address

  it.skipIf(!external)('refuses senders on other machines without BROKER_TOKEN', async () => {
    const gateway = await start({ hostname: '0.0.0.0' })
    const response = await fetch(gateway.url.replace('127.0.0.1', external!) + '/realtime/events', {
      method: 'POST',
      headers: { 'content-type': 'application/cloudevents+json' },
      body: JSON.stringify(shipmentEvent('created', await createShipment(gateway.api))),
    })
    expect(await problem(response)).toMatchObject({ status: 403, code: 'loopback_only' })
  })

  it('takes events only with the bearer token once BROKER_TOKEN is set, even from this machine', async () => {
    const gateway = await start({ env: { BROKER_TOKEN: TOKEN } })
    const event = shipmentEvent('created', await createShipment(gateway.api))
    expect(await problem(await gateway.deliver([event]))).toMatchObject({
      status: 401,
      code: 'invalid_broker_token',
    })
    const wrong = { authorization: `Bearer ${TOKEN}x` }
    expect((await gateway.deliver([event], wrong)).status).toBe(401)
    const right = { authorization: `Bearer ${TOKEN}` }
    expect((await gateway.deliver([event], right)).status).toBe(202)
  })
})
