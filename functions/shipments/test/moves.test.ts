import { EVENT_TYPES } from '@dropmate/contracts/event-types'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startShipmentsApi } from './support'

let stack: Awaited<ReturnType<typeof startShipmentsApi>>

beforeAll(async () => {
  stack = await startShipmentsApi()
})

afterAll(() => stack.api.close())

describe('moving a shipment along', () => {
  it('takes the assigned driver from pickup to delivery, with a timeline and an event per move', async () => {
    const { people, move, timelineOf, outboxOf } = stack
    const shipment = await stack.shipmentIn('assigned')
    for (const status of ['picked_up', 'in_transit', 'delivered']) {
      const reply = await move(shipment.id, people.driver, status, {
        position: { lat: 38.71, lng: -9.13 },
      })
      expect(reply.status).toBe(200)
      expect(reply.body.status).toBe(status)
    }
    const timeline = await timelineOf(shipment.id)
    expect(timeline.map((event) => event.toStatus)).toEqual([
      'pending',
      'assigned',
      'picked_up',
      'in_transit',
      'delivered',
    ])
    const events = await outboxOf(shipment.id)
    expect(events.map((event) => event.type)).toEqual([
      EVENT_TYPES.shipmentCreated,
      EVENT_TYPES.shipmentStatusChanged,
      EVENT_TYPES.shipmentAssigned,
      EVENT_TYPES.shipmentStatusChanged,
      EVENT_TYPES.shipmentStatusChanged,
      EVENT_TYPES.shipmentStatusChanged,
    ])
    expect(events.at(-1)!.data).toMatchObject({
      from: 'in_transit',
      to: 'delivered',
      shipmentId: shipment.id,
    })
    expect(JSON.stringify(events)).not.toContain('+351')
  })

  it.each([
    ['a driver who does not hold it', 'otherDriver', 404, 'shipment_not_found'],
    ['its customer', 'customer', 403, 'forbidden_role'],
    ['another customer', 'otherCustomer', 403, 'forbidden_role'],
  ] as const)('refuses %s', async (_, who, status, code) => {
    const shipment = await stack.shipmentIn('assigned')
    const reply = await stack.move(shipment.id, stack.people[who], 'picked_up')
    expect(reply.status).toBe(status)
    expect(reply.body).toMatchObject({ code })
  })

  it.each(['admin', 'dispatcher'] as const)(
    'lets the %s move it on the driver’s behalf',
    async (who) => {
      const shipment = await stack.shipmentIn('assigned')
      expect((await stack.move(shipment.id, stack.people[who], 'picked_up')).status).toBe(200)
    },
  )

  it('refuses to deliver a shipment that was never picked up, saying what is allowed', async () => {
    const shipment = await stack.shipmentIn('assigned')
    const reply = await stack.move(shipment.id, stack.people.driver, 'delivered')
    expect(reply.status).toBe(409)
    expect(reply.body).toMatchObject({
      code: 'invalid_transition',
      currentStatus: 'assigned',
      allowed: ['picked_up', 'cancelled'],
    })
  })

  it('never reopens a delivered shipment', async () => {
    const shipment = await stack.shipmentIn('delivered')
    for (const status of ['picked_up', 'in_transit', 'failed']) {
      expect(
        (await stack.move(shipment.id, stack.people.admin, status, { reason: 'x' })).status,
      ).toBe(409)
    }
  })

  it('needs a reason for a failed attempt, and lets the driver try again', async () => {
    const shipment = await stack.shipmentIn('in_transit')
    const bare = await stack.move(shipment.id, stack.people.driver, 'failed')
    expect(bare.status).toBe(400)
    expect(bare.body.errors).toContainEqual(expect.objectContaining({ field: 'body.reason' }))
    expect(
      (await stack.move(shipment.id, stack.people.driver, 'failed', { reason: 'Nobody home' }))
        .status,
    ).toBe(200)
    expect((await stack.move(shipment.id, stack.people.driver, 'in_transit')).status).toBe(200)
    const timeline = await stack.timelineOf(shipment.id)
    expect(timeline.map((event) => event.toStatus).slice(-2)).toEqual(['failed', 'in_transit'])
  })

  it('sends assigned and cancelled through their own endpoints', async () => {
    const shipment = await stack.create()
    const reply = await stack.move(shipment.id, stack.people.admin, 'assigned')
    expect(reply.status).toBe(400)
    expect(reply.body.errors[0].field).toBe('body.status')
  })
})

describe('assigning', () => {
  const assign = (id: string, who: 'admin' | 'dispatcher' | 'driver' | 'customer', body: object) =>
    stack.api.request('POST', `/api/shipments/${id}/assign`, {
      token: stack.people[who].token,
      body,
    })

  it('gives a pending shipment to a driver', async () => {
    const shipment = await stack.create()
    const reply = await assign(shipment.id, 'dispatcher', {
      driverId: stack.people.driver.driverId,
    })
    expect(reply.status).toBe(200)
    expect(reply.body).toMatchObject({ status: 'assigned', driverId: stack.people.driver.driverId })
    expect(reply.body.assignedAt).toEqual(expect.any(String))
  })

  it.each(['driver', 'customer'] as const)('is not for a %s', async (who) => {
    const shipment = await stack.create()
    const reply = await assign(shipment.id, who, { driverId: stack.people.driver.driverId })
    expect(reply.status).toBe(403)
  })

  it('refuses a driver that does not exist', async () => {
    const shipment = await stack.create()
    const reply = await assign(shipment.id, 'dispatcher', {
      driverId: '00000000-0000-4000-8000-000000000000',
    })
    expect(reply.status).toBe(422)
    expect(reply.body).toMatchObject({ code: 'unknown_driver' })
  })

  it('refuses to assign twice, but reassigns when asked to', async () => {
    const { people, outboxOf } = stack
    const shipment = await stack.shipmentIn('assigned')
    const twice = await assign(shipment.id, 'dispatcher', { driverId: people.otherDriver.driverId })
    expect(twice.status).toBe(409)
    expect(twice.body).toMatchObject({ code: 'already_assigned' })
    const handed = await assign(shipment.id, 'dispatcher', {
      driverId: people.otherDriver.driverId,
      reassign: true,
    })
    expect(handed.status).toBe(200)
    expect(handed.body.driverId).toBe(people.otherDriver.driverId)
    const last = (await outboxOf(shipment.id)).at(-1)!
    expect(last).toMatchObject({
      type: EVENT_TYPES.shipmentAssigned,
      data: { driverId: people.otherDriver.driverId, previousDriverId: people.driver.driverId },
    })
  })

  it('does not reassign a shipment already on its way', async () => {
    const shipment = await stack.shipmentIn('picked_up')
    const reply = await assign(shipment.id, 'admin', {
      driverId: stack.people.otherDriver.driverId,
      reassign: true,
    })
    expect(reply.status).toBe(409)
    expect(reply.body).toMatchObject({ code: 'not_reassignable' })
  })
})

describe('claiming', () => {
  const claim = (id: string, who: 'driver' | 'otherDriver' | 'dispatcher') =>
    stack.api.request('POST', `/api/shipments/${id}/claim`, { token: stack.people[who].token })

  it('lets a driver on duty take an unassigned shipment', async () => {
    const shipment = await stack.create(null)
    const reply = await claim(shipment.id, 'otherDriver')
    expect(reply.status).toBe(200)
    expect(reply.body).toMatchObject({
      status: 'assigned',
      driverId: stack.people.otherDriver.driverId,
    })
    const [assigned] = await stack.api.db.sql`
      select metadata from shipment_events where shipment_id = ${shipment.id} and type = 'assigned'
    `
    expect(assigned!.metadata).toMatchObject({ claimed: true })
  })

  it('refuses a driver who is off duty', async () => {
    const shipment = await stack.create(null)
    await stack.api.db
      .sql`update drivers set duty_status = 'offline' where id = ${stack.people.otherDriver.driverId}`
    try {
      const reply = await claim(shipment.id, 'otherDriver')
      expect(reply.status).toBe(409)
      expect(reply.body).toMatchObject({ code: 'driver_off_duty' })
    } finally {
      await stack.api.db
        .sql`update drivers set duty_status = 'available' where id = ${stack.people.otherDriver.driverId}`
    }
  })

  it('refuses a shipment someone already has, and is not for dispatchers', async () => {
    const shipment = await stack.shipmentIn('assigned')
    expect((await claim(shipment.id, 'otherDriver')).status).toBe(409)
    expect((await claim(shipment.id, 'dispatcher')).status).toBe(403)
  })
})

describe('cancelling', () => {
  const cancel = (id: string, who: keyof typeof stack.people, reason = 'No longer needed') =>
    stack.api.request('DELETE', `/api/shipments/${id}?reason=${encodeURIComponent(reason)}`, {
      token: stack.people[who].token,
    })

  it('lets a customer cancel their own pending or assigned shipment, keeping the record', async () => {
    for (const status of ['pending', 'assigned']) {
      const shipment = await stack.shipmentIn(status)
      const reply = await cancel(shipment.id, 'customer')
      expect(reply.status).toBe(200)
      expect(reply.body).toMatchObject({
        status: 'cancelled',
        cancellationReason: 'No longer needed',
      })
      expect(reply.body.cancelledAt).toEqual(expect.any(String))
    }
  })

  it('hides other customers’ shipments and refuses drivers', async () => {
    const shipment = await stack.create()
    expect((await cancel(shipment.id, 'otherCustomer')).status).toBe(404)
    expect((await cancel(shipment.id, 'driver')).status).toBe(403)
  })

  it('refuses once the parcel is picked up, and without a reason', async () => {
    const picked = await stack.shipmentIn('picked_up')
    expect((await cancel(picked.id, 'dispatcher')).status).toBe(409)
    const pending = await stack.create()
    const bare = await stack.api.request('DELETE', `/api/shipments/${pending.id}`, {
      token: stack.people.dispatcher.token,
    })
    expect(bare.status).toBe(400)
    expect(bare.body.errors[0].field).toBe('query.reason')
  })
})

describe('the latest location', () => {
  const locate = (id: string, who: keyof typeof stack.people) =>
    stack.api.request('GET', `/api/shipments/${id}/location`, { token: stack.people[who].token })

  it('shows staff where the driver is, and the customer only once the parcel is on its way', async () => {
    await stack.report(stack.people.driver, { lat: 38.712, lng: -9.139, speedMps: 5.5 })
    const picked = await stack.shipmentIn('picked_up')
    expect((await locate(picked.id, 'dispatcher')).body).toMatchObject({
      lat: 38.712,
      lng: -9.139,
      speedMps: 5.5,
    })
    expect((await locate(picked.id, 'customer')).status).toBe(204)
    const onTheWay = await stack.shipmentIn('in_transit')
    expect((await locate(onTheWay.id, 'customer')).status).toBe(200)
  })

  it('is no content before any driver has it, and not found for a shipment that is not', async () => {
    const shipment = await stack.create()
    const reply = await locate(shipment.id, 'dispatcher')
    expect(reply.status).toBe(204)
    expect(reply.body).toBe('')
    const missing = await locate(crypto.randomUUID(), 'dispatcher')
    expect(missing.status).toBe(404)
    expect(missing.body).toMatchObject({ code: 'shipment_not_found' })
  })
})
