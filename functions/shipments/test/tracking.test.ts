import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { withinOneMinute } from '@dropmate/kit/testing'
import { newShipmentBody, startShipmentsApi } from './support'

let stack: Awaited<ReturnType<typeof startShipmentsApi>>

beforeAll(async () => {
  stack = await startShipmentsApi({ TRACKING_RATE_LIMIT_PER_MINUTE: '1000' })
})

afterAll(() => stack.api.close())

const track = (trackingNumber: string) =>
  stack.api.request('GET', `/api/shipments/track/${encodeURIComponent(trackingNumber)}`)

describe('public tracking', () => {
  it('shows the journey, the destination area and the driver’s first name, and nothing personal', async () => {
    const shipment = await stack.shipmentIn('picked_up')
    const reply = await track(shipment.trackingNumber)
    expect(reply.status).toBe(200)
    // A view of where someone's parcel is, kept by no cache; CORS answers differ by Origin.
    expect(reply.headers.get('content-type')).toBe('application/json')
    expect(reply.headers.get('cache-control')).toBe('no-store')
    expect(reply.headers.get('vary')).toBe('Origin')
    expect(reply.headers.get('x-content-type-options')).toBe('nosniff')
    expect(reply.body).toEqual({
      trackingNumber: shipment.trackingNumber,
      status: 'picked_up',
      timeline: [
        { status: 'pending', at: expect.any(String) },
        { status: 'assigned', at: expect.any(String) },
        { status: 'picked_up', at: expect.any(String) },
      ],
      eta: null,
      destination: { area: 'Alfama, Lisboa', lat: 38.71, lng: -9.13 },
      driver: { firstName: 'Bruno' },
      deliveryWindow: null,
      driverPosition: null,
      deliveredAt: null,
    })
    const text = JSON.stringify(reply.body)
    const body = newShipmentBody()
    for (const secret of [
      body.receiver.name,
      body.receiver.phone,
      body.receiver.email,
      'Rua dos Remédios',
      body.sender.phone,
      body.sender.email,
      'Costa',
      stack.people.customer.userId,
      stack.people.customer.email,
    ]) {
      expect(text).not.toContain(secret)
    }
  })

  it('shows where the driver is only while the parcel is in transit', async () => {
    await stack.report(stack.people.driver, { lat: 38.7125, lng: -9.1333 })
    const shipment = await stack.shipmentIn('picked_up')
    expect((await track(shipment.trackingNumber)).body.driverPosition).toBeNull()
    await stack.move(shipment.id, stack.people.driver, 'in_transit')
    expect((await track(shipment.trackingNumber)).body.driverPosition).toMatchObject({
      lat: 38.7125,
      lng: -9.1333,
    })
    await stack.move(shipment.id, stack.people.driver, 'delivered')
    const delivered = (await track(shipment.trackingNumber)).body
    expect(delivered).toMatchObject({
      status: 'delivered',
      driverPosition: null,
      deliveredAt: expect.any(String),
    })
  })

  it('shows the slot promised to the receiver, and the slot it is moved to', async () => {
    const slot = { from: '2026-07-14T13:00:00.000Z', to: '2026-07-14T15:00:00.000Z' }
    const shipment = await stack.create(stack.people.customer, { deliveryWindow: slot })
    expect((await track(shipment.trackingNumber)).body.deliveryWindow).toEqual(slot)

    const read = await stack.api.request('GET', `/api/shipments/${shipment.id}`, {
      token: stack.people.dispatcher.token,
    })
    const moved = { from: '2026-07-14T16:30:00.000Z', to: '2026-07-14T18:00:00.000Z' }
    const edited = await stack.api.request('PATCH', `/api/shipments/${shipment.id}`, {
      token: stack.people.dispatcher.token,
      body: { deliveryWindow: moved },
      headers: { 'if-match': read.headers.get('etag')! },
    })
    expect(edited.status).toBe(200)
    expect((await track(shipment.trackingNumber)).body.deliveryWindow).toEqual(moved)
  })

  it('never answers with a status older than the last change', async () => {
    const shipment = await stack.shipmentIn('assigned')
    for (const status of ['picked_up', 'in_transit', 'failed', 'in_transit', 'delivered']) {
      await track(shipment.trackingNumber) // warm whatever cache there is
      await stack.move(shipment.id, stack.people.driver, status, { reason: 'Nobody home' })
      expect((await track(shipment.trackingNumber)).body.status).toBe(status)
    }
  })

  it('reads numbers the way people type them', async () => {
    const shipment = await stack.create()
    const typed =
      `${shipment.trackingNumber.slice(0, 7)}-${shipment.trackingNumber.slice(7)}`.toLowerCase()
    expect((await track(typed)).body.trackingNumber).toBe(shipment.trackingNumber)
  })

  it('answers unknown and malformed numbers with one 404', async () => {
    for (const number of ['DM000000000000', 'nonsense', "DM' or 1=1 --", 'x'.repeat(64)]) {
      const reply = await track(number)
      expect(reply.status).toBe(404)
      expect(reply.body).toMatchObject({ code: 'tracking_number_not_found' })
    }
  })

  it.runIf(process.env.REDIS_URL)('is served from Redis once looked up', async () => {
    const shipment = await stack.create()
    await track(shipment.trackingNumber)
    const redis = stack.api.deps.redis!
    expect(await redis.exists(`track:view:${shipment.trackingNumber}`)).toBe(1)
  })
})

describe('public tracking rate limit', () => {
  it('slows down a client that tries too many numbers', async () => {
    const limited = await startShipmentsApi({ TRACKING_RATE_LIMIT_PER_MINUTE: '5' })
    try {
      await withinOneMinute(5_000)
      const replies = []
      for (let i = 0; i < 6; i++) {
        replies.push(await limited.api.request('GET', '/api/shipments/track/DM000000000000'))
      }
      expect(replies.slice(0, 5).map((reply) => reply.status)).toEqual([404, 404, 404, 404, 404])
      expect(replies[5]).toMatchObject({ status: 429, body: { code: 'rate_limited' } })
      expect(replies[5]!.headers.get('retry-after')).toMatch(/^\d+$/)
    } finally {
      await limited.api.close()
    }
  })
})
