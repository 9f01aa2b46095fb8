import { EVENT_TYPES } from '@dropmate/contracts/event-types'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { newShipmentBody, startShipmentsApi } from './support'

let stack: Awaited<ReturnType<typeof startShipmentsApi>>

beforeAll(async () => {
  stack = await startShipmentsApi()
})

afterAll(() => stack.api.close())

describe('a write', () => {
  it('leaves nothing behind when any part of it fails', async () => {
    const { api, people } = stack
    const shipment = await stack.shipmentIn('assigned')
    // The outbox refusing the event must undo the status change and the timeline entry too.
    await api.db.sql.unsafe(`
      create function refuse_outbox() returns trigger language plpgsql as $$
      begin raise exception 'outbox unavailable'; end $$;
      create trigger refuse_outbox before insert on outbox for each row execute function refuse_outbox();
    `)
    try {
      const reply = await stack.move(shipment.id, people.driver, 'picked_up')
      expect(reply.status).toBe(500)
      expect(JSON.stringify(reply.body)).not.toContain('outbox')
    } finally {
      await api.db.sql.unsafe(
        'drop trigger refuse_outbox on outbox; drop function refuse_outbox();',
      )
    }
    const [row] = await api.db.sql`select status, version from shipments where id = ${shipment.id}`
    expect(row).toMatchObject({ status: 'assigned', version: 2 })
    expect((await stack.timelineOf(shipment.id)).map((event) => event.toStatus)).toEqual([
      'pending',
      'assigned',
    ])
    // and the server keeps serving
    expect((await stack.move(shipment.id, people.driver, 'picked_up')).status).toBe(200)
  })
})

describe('text in a new shipment', () => {
  it('counts characters as people do, astral ones in details included', async () => {
    const { receiver } = newShipmentBody()
    const name = '📦'.repeat(200)
    const reply = await stack.api.request('POST', '/api/shipments', {
      token: stack.people.dispatcher.token,
      body: newShipmentBody({
        receiver: { ...receiver, name },
        package: { details: { door: 'B🚪' } },
      }),
    })
    expect(reply.status).toBe(201)
    expect(reply.body.receiver.name).toBe(name)
    expect(reply.body.package.details).toEqual({ door: 'B🚪' })
  })
})

describe('simultaneous assigns and claims of one shipment', () => {
  it('let exactly one win; the rest get 409, with one timeline event and one assigned event', async () => {
    const { api, people } = stack
    const drivers = [people.driver, people.otherDriver]
    for (let i = 0; i < 4; i++) drivers.push(await api.signIn('driver'))
    await api.db.sql`update drivers set duty_status = 'available'`
    const shipment = await stack.create(null)

    const replies = await Promise.all([
      ...drivers.map((driver) =>
        api.request('POST', `/api/shipments/${shipment.id}/assign`, {
          token: people.dispatcher.token,
          body: { driverId: driver.driverId },
        }),
      ),
      ...drivers.map((driver) =>
        api.request('POST', `/api/shipments/${shipment.id}/claim`, { token: driver.token }),
      ),
    ])

    const statuses = replies.map((reply) => reply.status)
    expect(statuses.filter((status) => status === 200)).toHaveLength(1)
    expect(statuses.filter((status) => status === 409)).toHaveLength(replies.length - 1)
    const timeline = await stack.timelineOf(shipment.id)
    expect(timeline.filter((event) => event.type === 'assigned')).toHaveLength(1)
    const assigned = (await stack.outboxOf(shipment.id)).filter(
      (e) => e.type === EVENT_TYPES.shipmentAssigned,
    )
    expect(assigned).toHaveLength(1)
  })

  it('let one of several drivers moving one shipment at once win', async () => {
    const shipment = await stack.shipmentIn('assigned')
    const replies = await Promise.all(
      Array.from({ length: 6 }, () => stack.move(shipment.id, stack.people.driver, 'picked_up')),
    )
    expect(replies.filter((reply) => reply.status === 200)).toHaveLength(1)
    expect(replies.filter((reply) => reply.status === 409)).toHaveLength(5)
  })
})

describe('Idempotency-Key on create', () => {
  const post = (key: string, body: object, token = stack.people.dispatcher.token) =>
    stack.api.request('POST', '/api/shipments', {
      token,
      body,
      headers: { 'idempotency-key': key },
    })

  it('returns the first result for a retried request, creating one shipment', async () => {
    const key = crypto.randomUUID()
    const body = newShipmentBody({ reference: `IDEM-${key}` })
    const first = await post(key, body)
    const retry = await post(key, body)
    expect(first.status).toBe(201)
    expect(retry.status).toBe(201)
    expect(retry.body).toEqual(first.body)
    expect(retry.headers.get('idempotent-replayed')).toBe('true')
    expect(retry.headers.get('location')).toBe(first.headers.get('location'))
    const [count] = await stack.api.db
      .sql`select count(*)::int as n from shipments where reference = ${`IDEM-${key}`}`
    expect(count!.n).toBe(1)
  })

  it('creates one shipment when retries race', async () => {
    const key = crypto.randomUUID()
    const body = newShipmentBody({ reference: `RACE-${key}` })
    const replies = await Promise.all(Array.from({ length: 5 }, () => post(key, body)))
    expect(new Set(replies.map((reply) => reply.body.id)).size).toBe(1)
    expect(replies.every((reply) => reply.status === 201)).toBe(true)
  })

  it('refuses the same key for a different request', async () => {
    const key = crypto.randomUUID()
    await post(key, newShipmentBody())
    const other = await post(key, newShipmentBody({ reference: 'something else' }))
    expect(other.status).toBe(422)
    expect(other.body).toMatchObject({ code: 'idempotency_key_reused' })
  })

  it('keeps keys apart per caller', async () => {
    const key = crypto.randomUUID()
    const mine = await post(key, newShipmentBody())
    const theirs = await post(key, newShipmentBody(), stack.people.admin.token)
    expect(theirs.status).toBe(201)
    expect(theirs.body.id).not.toBe(mine.body.id)
  })

  it('refuses a malformed key', async () => {
    const reply = await post('has spaces in it', newShipmentBody())
    expect(reply.status).toBe(400)
    expect(reply.body.errors[0].field).toBe('header.idempotency-key')
  })
})
