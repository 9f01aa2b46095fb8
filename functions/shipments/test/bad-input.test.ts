import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { newShipmentBody, startShipmentsApi } from './support'

let stack: Awaited<ReturnType<typeof startShipmentsApi>>
let shipment: { id: string; trackingNumber: string }

beforeAll(async () => {
  stack = await startShipmentsApi()
  shipment = await stack.shipmentIn('assigned')
})

afterAll(async () => {
  // after all of it, the server still serves
  const reply = await stack.api.request('GET', '/api/shipments', {
    token: stack.people.admin.token,
  })
  expect(reply.status).toBe(200)
  await stack.api.close()
})

const body = newShipmentBody()
const { receiver } = body

describe('bad input gets a 4xx problem naming what is wrong, and changes nothing', () => {
  it.each([
    ['malformed JSON', '{"sender": {', 'malformed_request', undefined],
    ['an empty body', '', 'malformed_request', undefined],
    ['a JSON array', '[]', 'invalid_request', 'body'],
    ['a missing receiver', { ...body, receiver: undefined }, 'invalid_request', 'body.receiver'],
    [
      'a latitude off the globe',
      { ...body, receiver: { ...receiver, lat: 91 } },
      'invalid_request',
      'body.receiver.lat',
    ],
    [
      'a string for a number',
      { ...body, receiver: { ...receiver, lng: '-9.1' } },
      'invalid_request',
      'body.receiver.lng',
    ],
    [
      'a negative weight',
      { ...body, package: { weightKg: -1 } },
      'invalid_request',
      'body.package.weightKg',
    ],
    ['an unknown field', { ...body, status: 'delivered' }, 'invalid_request', 'body.status'],
    [
      'a nested unknown field',
      { ...body, sender: { ...body.sender, vip: true } },
      'invalid_request',
      'body.sender.vip',
    ],
    [
      'a blank name',
      { ...body, receiver: { ...receiver, name: '   ' } },
      'invalid_request',
      'body.receiver.name',
    ],
    [
      'a malformed email',
      { ...body, receiver: { ...receiver, email: 'rita@' } },
      'invalid_request',
      'body.receiver.email',
    ],
    [
      'a malformed customer id',
      { ...body, customerId: '42' },
      'invalid_request',
      'body.customerId',
    ],
    // PostgreSQL stores no NUL in text or jsonb: each was a 500 from the database.
    [
      'a NUL in a name',
      { ...body, receiver: { ...receiver, name: 'Ana\u0000' } },
      'invalid_request',
      'body.receiver.name',
    ],
    [
      'a NUL in a package detail',
      { ...body, package: { details: { floor: '3\u0000' } } },
      'invalid_request',
      'body.package.details.floor',
    ],
    // JSON carries a lone UTF-16 surrogate as an escape, which jsonb refused (a 500); a text
    // column would have kept U+FFFD instead of what was sent.
    [
      'a lone surrogate in a package detail',
      { ...body, package: { details: { door: 'B\ud800' } } },
      'invalid_request',
      'body.package.details.door',
    ],
    // The column keeps grams; a lighter weight was stored as none, against its check (a 500).
    [
      'a weight under a gram',
      { ...body, package: { weightKg: 0.0001 } },
      'invalid_request',
      'body.package.weightKg',
    ],
  ])('create with %s', async (_, payload, code, field) => {
    const before = await stack.api.db.sql`select count(*)::int as n from shipments`
    const reply = await stack.api.request('POST', '/api/shipments', {
      token: stack.people.dispatcher.token,
      body: payload,
      headers: { 'content-type': 'application/json' },
    })
    expect(reply.status).toBe(400)
    expect(reply.headers.get('content-type')).toBe('application/problem+json')
    expect(reply.body).toMatchObject({ code })
    if (field) expect(reply.body.errors.map((e: { field: string }) => e.field)).toContain(field)
    const after = await stack.api.db.sql`select count(*)::int as n from shipments`
    expect(after).toEqual(before)
  })

  it('refuses a body over the size limit', async () => {
    const huge = { ...body, package: { description: 'x'.repeat(100_000) } }
    const reply = await stack.api.request('POST', '/api/shipments', {
      token: stack.people.dispatcher.token,
      body: huge,
    })
    expect(reply.status).toBe(413)
  })

  it.each([
    ['a malformed id', 'GET', '/api/shipments/42', 400],
    ['an unknown id', 'GET', '/api/shipments/00000000-0000-4000-8000-000000000000', 404],
    [
      'an unknown id’s timeline',
      'GET',
      '/api/shipments/00000000-0000-4000-8000-000000000000/events',
      404,
    ],
    ['a malformed id in a move', 'PATCH', '/api/shipments/not-an-id/status', 400],
    ['a bad status filter', 'GET', '/api/shipments?status=lost', 400],
    ['a bad cursor', 'GET', '/api/shipments?cursor=abc', 400],
    ['a NUL in the search', 'GET', '/api/shipments?q=a%00', 400],
    ['an empty status filter', 'GET', '/api/shipments?status=', 400],
    ['a limit too large', 'GET', '/api/shipments?limit=1000', 400],
    ['an unknown route', 'GET', '/api/shipments/a/b/c/d', 404],
  ])('%s', async (_, method, path, status) => {
    const reply = await stack.api.request(method, path, {
      token: stack.people.admin.token,
      body: method === 'PATCH' ? { status: 'picked_up' } : undefined,
    })
    expect(reply.status).toBe(status)
    expect(reply.headers.get('content-type')).toBe('application/problem+json')
  })

  it.each([
    ['an unknown status', { status: 'lost' }],
    ['a status of the wrong type', { status: 3 }],
    ['no status at all', {}],
    ['a position without longitude', { status: 'picked_up', position: { lat: 1 } }],
  ])('a move with %s', async (_, payload) => {
    const reply = await stack.api.request('PATCH', `/api/shipments/${shipment.id}/status`, {
      token: stack.people.driver.token,
      body: payload,
    })
    expect(reply.status).toBe(400)
    const [row] = await stack.api.db.sql`select status from shipments where id = ${shipment.id}`
    expect(row!.status).toBe('assigned')
  })

  it('says a limit that is no number is text, not NaN', async () => {
    const reply = await stack.api.request('GET', '/api/shipments?limit=ten', {
      token: stack.people.admin.token,
    })
    expect(reply.status).toBe(400)
    expect(reply.body.errors).toEqual([
      { field: 'query.limit', message: 'Invalid input: expected number, received string' },
    ])
  })

  it('refuses a body that is not JSON with 415', async () => {
    const reply = await stack.api.request('POST', '/api/shipments', {
      token: stack.people.dispatcher.token,
      body: 'sender=me',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    expect(reply.status).toBe(415)
    expect(reply.headers.get('content-type')).toBe('application/problem+json')
    expect(reply.body.detail).toBe(
      'A body of type application/x-www-form-urlencoded is not accepted here.',
    )
  })
})
