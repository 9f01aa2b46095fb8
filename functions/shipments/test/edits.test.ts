import { EVENT_TYPES } from '@dropmate/contracts/event-types'
import type { SignedIn } from '@dropmate/kit/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { newShipmentBody, startShipmentsApi } from './support'

let stack: Awaited<ReturnType<typeof startShipmentsApi>>

beforeAll(async () => {
  stack = await startShipmentsApi()
})

afterAll(() => stack.api.close())

const slot = { from: '2026-07-14T14:00:00+01:00', to: '2026-07-14T16:00:00+01:00' }
const laterSlot = { from: '2026-07-14T17:00:00+01:00', to: '2026-07-14T19:00:00+01:00' }

/** The shipment as `who` reads it, with its ETag. */
async function read(id: string, who: SignedIn = stack.people.dispatcher) {
  const reply = await stack.api.request('GET', `/api/shipments/${id}`, { token: who.token })
  expect(reply.status).toBe(200)
  return { etag: reply.headers.get('etag')!, shipment: reply.body }
}

function edit(id: string, body: unknown, headers: Record<string, string>, who?: SignedIn) {
  return stack.api.request('PATCH', `/api/shipments/${id}`, {
    token: (who ?? stack.people.dispatcher).token,
    body,
    headers,
  })
}

describe('a shipment and its delivery slot', () => {
  it('is created with a slot, shown as instants, and read with its version as ETag', async () => {
    const created = await stack.api.request('POST', '/api/shipments', {
      token: stack.people.dispatcher.token,
      body: newShipmentBody({ deliveryWindow: slot, notes: 'Door code 1234' }),
    })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({
      deliveryWindow: { from: '2026-07-14T13:00:00.000Z', to: '2026-07-14T15:00:00.000Z' },
      notes: 'Door code 1234',
      atRiskAt: null,
    })
    const { etag, shipment } = await read(created.body.id)
    expect(etag).toBe(`"${shipment.version}"`)
  })

  it('is created without a slot too', async () => {
    const shipment = await stack.create()
    expect((await read(shipment.id)).shipment.deliveryWindow).toBeNull()
  })
})

describe('editing a shipment before pickup', () => {
  it('changes receiver, address, notes and slot in one go, on the timeline and in the outbox', async () => {
    const { id } = await stack.shipmentIn('assigned')
    const { etag, shipment } = await read(id)
    const reply = await edit(
      id,
      {
        receiver: {
          name: 'Rita M. Sousa',
          phone: '+351 910 000 111',
          address: 'Rua da Regueira 9, Alfama, Lisboa',
          lat: 38.7121,
          lng: -9.1297,
        },
        notes: 'Leave it with the neighbour at 2B',
        deliveryWindow: laterSlot,
      },
      { 'if-match': etag },
    )
    expect(reply.status, JSON.stringify(reply.body)).toBe(200)
    expect(reply.headers.get('etag')).toBe(`"${shipment.version + 1}"`)
    expect(reply.body).toMatchObject({
      version: shipment.version + 1,
      status: 'assigned',
      receiver: {
        name: 'Rita M. Sousa',
        phone: '+351 910 000 111',
        email: 'rita.sousa@example.com',
        address: 'Rua da Regueira 9, Alfama, Lisboa',
        lat: 38.7121,
        lng: -9.1297,
      },
      notes: 'Leave it with the neighbour at 2B',
      deliveryWindow: { from: '2026-07-14T16:00:00.000Z', to: '2026-07-14T18:00:00.000Z' },
    })
    expect((await read(id)).shipment).toEqual(reply.body)

    const timeline = await stack.timelineOf(id)
    expect(timeline.map((event) => event.type)).toEqual(['created', 'assigned', 'edited'])
    const events = await stack.api.request('GET', `/api/shipments/${id}/events`, {
      token: stack.people.dispatcher.token,
    })
    expect(events.body.items.at(-1)).toMatchObject({
      type: 'edited',
      actorRole: 'dispatcher',
      note: 'Changed receiver, phone, address, map position, notes, delivery slot',
    })
    const outbox = await stack.outboxOf(id)
    const edited = outbox.filter((event) => event.type === EVENT_TYPES.shipmentEdited)
    expect(edited).toHaveLength(1)
    expect(edited[0]!.data).toMatchObject({
      shipmentId: id,
      version: shipment.version + 1,
      changed: [
        'receiver.name',
        'receiver.phone',
        'receiver.address',
        'receiver.lat',
        'receiver.lng',
        'notes',
        'deliveryWindow',
      ],
      deliveryWindow: { from: '2026-07-14T16:00:00.000Z', to: '2026-07-14T18:00:00.000Z' },
      previousDeliveryWindow: null,
    })
    // Events carry no contact details.
    expect(JSON.stringify(edited[0]!.data)).not.toContain('910')
  })

  it('lets a customer edit their own shipment, and no one else’s', async () => {
    const { people } = stack
    const { id } = await stack.create(people.customer)
    const { etag } = await read(id, people.customer)
    const theirs = await edit(id, { notes: 'Mine' }, { 'if-match': etag }, people.otherCustomer)
    expect(theirs.status).toBe(404)
    expect(theirs.body.code).toBe('shipment_not_found')
    const mine = await edit(id, { notes: 'Mine' }, { 'if-match': etag }, people.customer)
    expect(mine.status).toBe(200)
    expect(mine.body.notes).toBe('Mine')
  })

  it.each(['admin', 'dispatcher'] as const)('lets %s edit any shipment', async (who) => {
    const { id } = await stack.create()
    const { etag } = await read(id)
    const reply = await edit(id, { deliveryWindow: slot }, { 'if-match': etag }, stack.people[who])
    expect(reply.status).toBe(200)
  })

  it('refuses drivers, even the one carrying it, and callers without a token', async () => {
    const { id } = await stack.shipmentIn('assigned')
    const { etag } = await read(id)
    const driver = await edit(id, { notes: 'x' }, { 'if-match': etag }, stack.people.driver)
    expect(driver.status).toBe(403)
    expect(driver.body.code).toBe('forbidden_role')
    const anonymous = await stack.api.request('PATCH', `/api/shipments/${id}`, {
      body: { notes: 'x' },
      headers: { 'if-match': etag },
    })
    expect(anonymous.status).toBe(401)
    expect((await read(id)).shipment.notes).toBeNull()
  })

  it('answers a stale If-Match with 409 version_conflict and changes nothing', async () => {
    const { id } = await stack.create()
    const { etag } = await read(id)
    expect((await edit(id, { notes: 'First' }, { 'if-match': etag })).status).toBe(200)
    const stale = await edit(id, { notes: 'Second' }, { 'if-match': etag })
    expect(stale.status).toBe(409)
    expect(stale.headers.get('content-type')).toContain('application/problem+json')
    expect(stale.body).toMatchObject({ code: 'version_conflict', currentVersion: 2 })
    expect((await read(id)).shipment.notes).toBe('First')
  })

  it('answers a missing If-Match with 428 precondition_required', async () => {
    const { id } = await stack.create()
    const reply = await edit(id, { notes: 'x' }, {})
    expect(reply.status).toBe(428)
    expect(reply.body.code).toBe('precondition_required')
  })

  it('refuses an edit once the parcel is picked up, with 409 not_editable', async () => {
    for (const status of ['picked_up', 'in_transit', 'delivered', 'cancelled']) {
      const { id } = await stack.shipmentIn(status)
      const { etag } = await read(id)
      const reply = await edit(id, { notes: 'Too late' }, { 'if-match': etag })
      expect(reply.status, status).toBe(409)
      expect(reply.body).toMatchObject({ code: 'not_editable', currentStatus: status })
    }
  })

  it('answers 404 for an unknown shipment', async () => {
    const reply = await edit(
      '6f1c2a4e-0b7d-4c55-9a1e-2f3b4c5d6e7f',
      { notes: 'x' },
      { 'if-match': '"1"' },
    )
    expect(reply.status).toBe(404)
    expect(reply.body.code).toBe('shipment_not_found')
  })

  it('changes nothing, and tells no one, when nothing differs', async () => {
    const { id } = await stack.create()
    const { etag, shipment } = await read(id)
    const reply = await edit(
      id,
      { receiver: { name: shipment.receiver.name } },
      { 'if-match': etag },
    )
    expect(reply.status).toBe(200)
    expect(reply.body.version).toBe(shipment.version)
    expect((await stack.timelineOf(id)).map((event) => event.type)).toEqual(['created'])
  })
})

describe('bad edits get a 4xx problem naming what is wrong, and change nothing', () => {
  it.each([
    [
      'a slot ending before it starts',
      { deliveryWindow: { from: slot.to, to: slot.from } },
      'body.deliveryWindow.to',
    ],
    [
      'a slot of a week',
      { deliveryWindow: { from: slot.from, to: '2026-07-21T14:00:00+01:00' } },
      'body.deliveryWindow.to',
    ],
    [
      'a slot without an offset',
      { deliveryWindow: { from: '2026-07-14T14:00', to: slot.to } },
      'body.deliveryWindow.from',
    ],
    ['a number for a name', { receiver: { name: 7 } }, 'body.receiver.name'],
    ['a latitude without a longitude', { receiver: { lat: 38.7 } }, 'body.receiver'],
    ['an unknown field', { status: 'delivered' }, 'body.status'],
    ['the sender', { sender: { name: 'x' } }, 'body.sender'],
    ['nothing to change', {}, 'body'],
  ])('%s', async (_, body, field) => {
    const { id } = await stack.create()
    const { etag, shipment } = await read(id)
    const reply = await edit(id, body, { 'if-match': etag })
    expect(reply.status, JSON.stringify(reply.body)).toBe(400)
    expect(reply.body.code).toBe('invalid_request')
    expect(reply.body.errors.map((error: { field: string }) => error.field)).toContain(field)
    expect((await read(id)).shipment).toEqual(shipment)
  })

  it('refuses an If-Match that is not an entity tag', async () => {
    const { id } = await stack.create()
    const reply = await edit(id, { notes: 'x' }, { 'if-match': 'version 1' })
    expect(reply.status).toBe(400)
    expect(reply.body.code).toBe('invalid_request')
  })

  it('refuses a bad slot on create', async () => {
    const reply = await stack.api.request('POST', '/api/shipments', {
      token: stack.people.dispatcher.token,
      body: newShipmentBody({ deliveryWindow: { from: slot.to, to: slot.from } }),
    })
    expect(reply.status).toBe(400)
    expect(reply.body.errors[0].field).toBe('body.deliveryWindow.to')
  })
})

describe('an edit that fails part way', () => {
  it('leaves neither the change nor its timeline entry behind', async () => {
    const { api } = stack
    const { id } = await stack.create()
    const { etag } = await read(id)
    await api.db.sql.unsafe(`
      create function refuse_edit_event() returns trigger language plpgsql as $$
      begin raise exception 'outbox unavailable'; end $$;
      create trigger refuse_edit_event before insert on outbox for each row execute function refuse_edit_event();
    `)
    try {
      const reply = await edit(id, { notes: 'Half' }, { 'if-match': etag })
      expect(reply.status).toBe(500)
    } finally {
      await api.db.sql.unsafe(
        'drop trigger refuse_edit_event on outbox; drop function refuse_edit_event();',
      )
    }
    const { shipment } = await read(id)
    expect(shipment).toMatchObject({ notes: null, version: 1 })
    expect((await stack.timelineOf(id)).map((event) => event.type)).toEqual(['created'])
    expect((await edit(id, { notes: 'Whole' }, { 'if-match': etag })).status).toBe(200)
  })
})
