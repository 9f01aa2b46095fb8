import { startTestApi, type Reply, type TestApi } from '@dropmate/kit/testing'
import { EVENT_TYPES } from '@dropmate/contracts/event-types'
import { newTrackingNumber, type ShipmentStatus } from '@dropmate/core'
import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDriver, listDrivers, updateDriver } from '../src'

let api: TestApi

beforeAll(async () => {
  api = await startTestApi((deps) => [
    listDrivers.app(deps),
    createDriver.app(deps),
    updateDriver.app(deps),
  ])
})

afterAll(() => api.close())

const STAFF = ['admin', 'dispatcher'] as const
const password = 'a long enough password'

/** A word no other test's names contain, so a name search sees only this test's drivers. */
const tag = () => `t${randomBytes(4).toString('hex')}`

async function driver(name?: string) {
  const signedIn = await api.signIn('driver', name ? { name } : {})
  return { ...signedIn, driverId: signedIn.driverId! }
}

async function giveShipments(driverId: string, statuses: ShipmentStatus[]) {
  const { sql } = api.db
  for (const status of statuses) {
    await sql`
      insert into shipments ${sql({
        trackingNumber: newTrackingNumber(),
        status,
        driverId,
        senderName: 'Corner Bakery',
        senderAddress: 'Rua Augusta 1, Lisboa',
        senderLat: 38.71,
        senderLng: -9.137,
        receiverName: 'Ana Silva',
        receiverAddress: 'Rua do Ouro 2, Lisboa',
        receiverLat: 38.712,
        receiverLng: -9.139,
        cancelledAt: status === 'cancelled' ? new Date() : null,
      })}
    `
  }
}

const statusEvents = (driverId: string) => api.db.sql<
  { type: string; source: string; subject: string; data: Record<string, string> }[]
>`
  select type, source, subject, data
  from outbox
  where subject = ${driverId}
  order by seq
`

/** Everything a drivers request could write: rows, the last driver update, queued events. */
async function footprint() {
  const [row] = await api.db.sql`
    select
      (select count(*)::int from users) as users,
      (select count(*)::int from drivers) as drivers,
      (select max(updated_at) from drivers) as last_driver_update,
      (select count(*)::int from outbox) as events
  `
  return row
}

async function writesNothing(request: () => Promise<Reply>): Promise<Reply> {
  const before = await footprint()
  const reply = await request()
  expect(await footprint()).toEqual(before)
  return reply
}

function expectProblem(reply: Reply, status: number, code: string, field?: string) {
  expect(reply.status).toBe(status)
  expect(reply.headers.get('content-type')).toBe('application/problem+json')
  expect(reply.body).toMatchObject({ status, code })
  if (field) expect(reply.body.errors).toContainEqual(expect.objectContaining({ field }))
}

describe('GET /api/drivers', () => {
  const list = async (query: string, role: 'admin' | 'dispatcher' = 'dispatcher') => {
    const { token } = await api.signIn(role)
    return api.request('GET', `/api/drivers${query}`, { token })
  }

  it("shows each driver's person, vehicle, duty and the shipments in their hands", async () => {
    const name = `${tag()} Carla`
    const { driverId, userId, email } = await driver(name)
    await giveShipments(driverId, ['assigned', 'picked_up', 'in_transit', 'failed'])
    await giveShipments(driverId, ['delivered', 'cancelled'])

    const reply = await list(`?q=${encodeURIComponent(name)}`)
    expect(reply.status).toBe(200)
    expect(reply.body.items).toEqual([
      {
        id: driverId,
        userId,
        name,
        email,
        phone: null,
        vehicleType: 'scooter',
        vehiclePlate: null,
        dutyStatus: 'offline',
        dutyChangedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
        activeShipments: 4,
      },
    ])
  })

  it.each(STAFF)('serves staff (%s)', async (role) => {
    const { driverId } = await driver()
    const reply = await list('', role)
    expect(reply.status).toBe(200)
    expect(reply.body.items.map((d: { id: string }) => d.id)).toContain(driverId)
  })

  it('shows a driver themselves and no one else, with the duty status a dispatcher set', async () => {
    await driver()
    const me = await api.signIn('driver')
    const staff = await api.signIn('dispatcher')
    const set = await api.request('PATCH', `/api/drivers/${me.driverId}`, {
      token: staff.token,
      body: { dutyStatus: 'available' },
    })
    expect(set.status).toBe(200)

    const reply = await api.request('GET', '/api/drivers', { token: me.token })
    expect(reply.status).toBe(200)
    expect(reply.body.items).toHaveLength(1)
    expect(reply.body.items[0]).toMatchObject({ id: me.driverId, dutyStatus: 'available' })
  })

  it('refuses a customer', async () => {
    const { token } = await api.signIn('customer')
    expectProblem(await api.request('GET', '/api/drivers', { token }), 403, 'forbidden_role')
  })

  it('refuses a caller without a token', async () => {
    expectProblem(await api.request('GET', '/api/drivers'), 401, 'missing_token')
  })

  it('orders drivers by name, then by id when names are equal', async () => {
    const word = tag()
    const [bruno, ana, twin1, twin2] = [
      await driver(`${word} bruno`),
      await driver(`${word} ana`),
      await driver(`${word} carlos`),
      await driver(`${word} carlos`),
    ]
    const twins = [twin1!.driverId, twin2!.driverId].sort()
    const reply = await list(`?q=${word}`)
    expect(reply.body.items.map((d: { id: string }) => d.id)).toEqual([
      ana!.driverId,
      bruno!.driverId,
      ...twins,
    ])
  })

  it('finds drivers by any part of their name, whatever its case', async () => {
    const word = tag()
    const { driverId } = await driver(`Maria ${word} Fonseca`)
    await driver(`Someone ${tag()} Else`)
    const reply = await list(`?q=${word.toUpperCase()}%20fONSECA`)
    expect(reply.body.items.map((d: { id: string }) => d.id)).toEqual([driverId])
  })

  it('matches wildcard characters in a search literally', async () => {
    await driver(`${tag()} Rui`)
    for (const q of ['%25', '_', '%5C']) {
      expect((await list(`?q=${q}`)).body.items).toEqual([])
    }
  })

  it('treats an empty search as no name filter', async () => {
    const { driverId } = await driver()
    const reply = await list('?q=')
    expect(reply.status).toBe(200)
    expect(reply.body.items.map((d: { id: string }) => d.id)).toContain(driverId)
  })

  it('filters by duty status', async () => {
    const word = tag()
    const onDuty = await driver(`${word} Dora`)
    const offDuty = await driver(`${word} Eva`)
    await api.db.sql`update drivers set duty_status = 'available' where id = ${onDuty.driverId}`
    const available = await list(`?q=${word}&dutyStatus=available`)
    expect(available.body.items.map((d: { id: string }) => d.id)).toEqual([onDuty.driverId])
    const offline = await list(`?q=${word}&dutyStatus=offline`)
    expect(offline.body.items.map((d: { id: string }) => d.id)).toEqual([offDuty.driverId])
  })

  it.each([
    ['an unknown duty status', '?dutyStatus=asleep', 'query.dutyStatus'],
    ['a repeated duty status', '?dutyStatus=busy&dutyStatus=offline', 'query.dutyStatus'],
    ['an unknown filter', '?status=busy', 'query.status'],
    ['an overlong search', `?q=${'a'.repeat(101)}`, 'query.q'],
    // PostgreSQL refused the NUL inside the query (a 500).
    ['a NUL in the search', '?q=ana%00', 'query.q'],
  ])('answers %s with a 400 naming it', async (_, query, field) => {
    const reply = await list(query)
    expectProblem(reply, 400, 'invalid_request', field)
  })
})

describe('POST /api/drivers', () => {
  const newDriver = (extra: Record<string, unknown> = {}) => ({
    email: `driver-${tag()}@example.com`,
    name: 'New Driver',
    phone: '+351 910 000 001',
    password,
    vehicleType: 'cargo_bike',
    vehiclePlate: 'CB-01',
    ...extra,
  })
  const create = async (body: unknown, role: 'admin' | 'dispatcher' = 'admin') => {
    const { token } = await api.signIn(role)
    return api.request('POST', '/api/drivers', { token, body })
  }

  it.each(STAFF)('lets staff (%s) create a driver who is then listed', async (role) => {
    const body = newDriver({ name: `${tag()} Filipa` })
    const reply = await create(body, role)
    expect(reply.status).toBe(201)
    expect(reply.body).toEqual({
      id: expect.any(String),
      userId: expect.any(String),
      name: body.name,
      email: body.email,
      phone: body.phone,
      vehicleType: 'cargo_bike',
      vehiclePlate: 'CB-01',
      dutyStatus: 'offline',
      dutyChangedAt: expect.any(String),
      activeShipments: 0,
    })
    const { token } = await api.signIn('dispatcher')
    const listed = await api.request('GET', `/api/drivers?q=${encodeURIComponent(body.name)}`, {
      token,
    })
    expect(listed.body.items).toEqual([reply.body])
  })

  it('needs only an email, a name, a vehicle type and, in local mode, a password', async () => {
    const reply = await create({
      email: `bare-${tag()}@example.com`,
      name: 'Bare',
      password,
      vehicleType: 'on_foot',
    })
    expect(reply.status).toBe(201)
    expect(reply.body).toMatchObject({ phone: null, vehiclePlate: null, vehicleType: 'on_foot' })
  })

  it.each(['driver', 'customer'] as const)('refuses a %s and writes nothing', async (role) => {
    const { token } = await api.signIn(role)
    const reply = await writesNothing(() =>
      api.request('POST', '/api/drivers', { token, body: newDriver() }),
    )
    expectProblem(reply, 403, 'forbidden_role')
  })

  it('refuses a caller without a token', async () => {
    const reply = await writesNothing(() =>
      api.request('POST', '/api/drivers', { body: newDriver() }),
    )
    expectProblem(reply, 401, 'missing_token')
  })

  it('refuses a taken email, whatever its case, and writes nothing', async () => {
    const body = newDriver()
    expect((await create(body)).status).toBe(201)
    const { token } = await api.signIn('admin')
    const again = await writesNothing(() =>
      api.request('POST', '/api/drivers', {
        token,
        body: { ...body, email: body.email.toUpperCase() },
      }),
    )
    expectProblem(again, 409, 'email_taken')
  })

  it.each([
    ['malformed JSON', '{"email": "x@example.com",', 'malformed_request', undefined],
    ['a number for a name', newDriver({ name: 42 }), 'invalid_request', 'body.name'],
    ['a blank name', newDriver({ name: '   ' }), 'invalid_request', 'body.name'],
    ['not an email', newDriver({ email: 'nope' }), 'invalid_request', 'body.email'],
    [
      'an unknown vehicle',
      newDriver({ vehicleType: 'rocket' }),
      'invalid_request',
      'body.vehicleType',
    ],
    [
      'a missing vehicle type',
      newDriver({ vehicleType: undefined }),
      'invalid_request',
      'body.vehicleType',
    ],
    ['an unknown field', newDriver({ role: 'admin' }), 'invalid_request', 'body.role'],
    ['a short password', newDriver({ password: 'short' }), 'invalid_request', 'body.password'],
    [
      'no password in local mode',
      newDriver({ password: undefined }),
      'invalid_request',
      'body.password',
    ],
    ['a bad phone number', newDriver({ phone: 'call me' }), 'invalid_request', 'body.phone'],
    // Addresses mail servers refuse (RFC 5321 §4.5.3.1.1, RFC 1123) were taken and stored.
    [
      'an email with more than 64 characters before the @',
      newDriver({ email: `${'a'.repeat(65)}@example.com` }),
      'invalid_request',
      'body.email',
    ],
    [
      'an email whose host name ends in a hyphen',
      newDriver({ email: 'ana@mail-.example.com' }),
      'invalid_request',
      'body.email',
    ],
  ])('answers %s with a 400 and writes nothing', async (_, body, code, field) => {
    const { token } = await api.signIn('admin')
    const reply = await writesNothing(() =>
      api.request('POST', '/api/drivers', {
        token,
        body,
        headers: { 'content-type': 'application/json' },
      }),
    )
    expectProblem(reply, 400, code, field)
  })

  it('names the unknown field it refuses', async () => {
    const reply = await create(newDriver({ role: 'admin' }))
    expect(reply.body.errors[0]).toEqual({ field: 'body.role', message: 'is not a known field' })
  })
})

describe('POST /api/drivers with Firebase sign-in', () => {
  let firebase: TestApi

  beforeAll(async () => {
    // Only the handler's view of the mode changes: callers still sign in with local tokens,
    // so the rule is tested without the Firebase emulator.
    firebase = await startTestApi((deps) =>
      createDriver.app({ ...deps, config: { ...deps.config, AUTH_MODE: 'firebase' } }),
    )
  })

  afterAll(() => firebase.close())

  const body = (extra: Record<string, unknown> = {}) => ({
    email: `fb-${tag()}@example.com`,
    name: 'Firebase Driver',
    vehicleType: 'van',
    ...extra,
  })

  it('creates a driver without a password', async () => {
    const { token } = await firebase.signIn('admin')
    const reply = await firebase.request('POST', '/api/drivers', { token, body: body() })
    expect(reply.status).toBe(201)
    const [user] = await firebase.db
      .sql`select password_hash from users where id = ${reply.body.userId}`
    expect(user).toEqual({ passwordHash: null })
  })

  it('refuses a password, which Firebase would never check', async () => {
    const { token } = await firebase.signIn('admin')
    const reply = await firebase.request('POST', '/api/drivers', {
      token,
      body: body({ password }),
    })
    expectProblem(reply, 400, 'invalid_request', 'body.password')
  })
})

describe('PATCH /api/drivers/{id}', () => {
  const patch = (id: string, token: string | undefined, body: unknown) =>
    api.request('PATCH', `/api/drivers/${id}`, {
      token,
      body,
      headers: { 'content-type': 'application/json' },
    })

  it.each(STAFF)('lets staff (%s) put a driver on duty and announces it once', async (role) => {
    const { driverId } = await driver()
    const before = (
      await api.db.sql`select duty_changed_at from drivers where id = ${driverId}`
    )[0]!
    const { token } = await api.signIn(role)
    const reply = await patch(driverId, token, { dutyStatus: 'available' })
    expect(reply.status).toBe(200)
    expect(reply.body).toMatchObject({ id: driverId, dutyStatus: 'available', activeShipments: 0 })
    expect(new Date(reply.body.dutyChangedAt) >= before.dutyChangedAt).toBe(true)
    expect(await statusEvents(driverId)).toEqual([
      {
        type: EVENT_TYPES.driverStatusChanged,
        source: '/functions/update-driver',
        subject: driverId,
        data: {
          driverId,
          from: 'offline',
          to: 'available',
          changedAt: reply.body.dutyChangedAt,
        },
      },
    ])
  })

  it('lets a driver change their own duty status', async () => {
    const { driverId, token } = await driver()
    const reply = await patch(driverId, token, { dutyStatus: 'busy' })
    expect(reply.status).toBe(200)
    expect(reply.body.dutyStatus).toBe('busy')
    expect((await statusEvents(driverId)).map((event) => event.data.to)).toEqual(['busy'])
  })

  it('announces nothing, and keeps the time, when the duty status does not change', async () => {
    const { driverId, token } = await driver()
    const first = await patch(driverId, token, { dutyStatus: 'available' })
    const again = await writesNothing(() => patch(driverId, token, { dutyStatus: 'available' }))
    expect(again.status).toBe(200)
    expect(again.body).toEqual(first.body)
    expect(await statusEvents(driverId)).toHaveLength(1)
  })

  it('lets staff change the vehicle without announcing a duty change', async () => {
    const { driverId } = await driver()
    const { token } = await api.signIn('dispatcher')
    const changed = await patch(driverId, token, {
      vehicleType: 'van',
      vehiclePlate: ' 12-AB-34 ',
      dutyStatus: 'offline',
    })
    expect(changed.status).toBe(200)
    expect(changed.body).toMatchObject({
      vehicleType: 'van',
      vehiclePlate: '12-AB-34',
      dutyStatus: 'offline',
    })
    const cleared = await patch(driverId, token, { vehiclePlate: null })
    expect(cleared.body.vehiclePlate).toBeNull()
    expect(await statusEvents(driverId)).toEqual([])
  })

  it('hides other drivers from a driver, as if they did not exist', async () => {
    const { token } = await driver()
    const other = await driver()
    const reply = await writesNothing(() => patch(other.driverId, token, { dutyStatus: 'busy' }))
    expectProblem(reply, 404, 'driver_not_found')
  })

  it("refuses a driver's change to their own vehicle, duty status included", async () => {
    const { driverId, token } = await driver()
    for (const body of [
      { vehicleType: 'car' },
      { vehiclePlate: null },
      { dutyStatus: 'available', vehiclePlate: 'XX' },
    ]) {
      const reply = await writesNothing(() => patch(driverId, token, body))
      expectProblem(reply, 403, 'forbidden_field')
    }
  })

  it('refuses a customer', async () => {
    const { driverId } = await driver()
    const { token } = await api.signIn('customer')
    const reply = await writesNothing(() => patch(driverId, token, { dutyStatus: 'busy' }))
    expectProblem(reply, 403, 'forbidden_role')
  })

  it('refuses a caller without a token', async () => {
    const { driverId } = await driver()
    const reply = await writesNothing(() => patch(driverId, undefined, { dutyStatus: 'busy' }))
    expectProblem(reply, 401, 'missing_token')
  })

  it('answers an unknown driver with a 404', async () => {
    const { token } = await api.signIn('admin')
    const reply = await writesNothing(() =>
      patch('00000000-0000-4000-8000-000000000000', token, { dutyStatus: 'busy' }),
    )
    expectProblem(reply, 404, 'driver_not_found')
  })

  it.each([
    ['a malformed id', 'not-a-uuid', { dutyStatus: 'busy' }, 'invalid_request', 'path.id'],
    ['malformed JSON', null, '{"dutyStatus": ', 'malformed_request', undefined],
    ['an empty change', null, {}, 'invalid_request', 'body'],
    [
      'an unknown duty status',
      null,
      { dutyStatus: 'asleep' },
      'invalid_request',
      'body.dutyStatus',
    ],
    ['a number for a duty status', null, { dutyStatus: 1 }, 'invalid_request', 'body.dutyStatus'],
    ['an unknown vehicle', null, { vehicleType: 'rocket' }, 'invalid_request', 'body.vehicleType'],
    ['an unknown field', null, { dutyStatus: 'busy', name: 'x' }, 'invalid_request', 'body.name'],
    ['a JSON array', null, [], 'invalid_request', 'body'],
  ])('answers %s with a 400 and writes nothing', async (_, id, body, code, field) => {
    const { driverId } = await driver()
    const { token } = await api.signIn('admin')
    const reply = await writesNothing(() => patch(id ?? driverId, token, body))
    expectProblem(reply, 400, code, field)
  })

  it('keeps the duty status when its event cannot be queued', async () => {
    const { driverId } = await driver()
    const { token } = await api.signIn('admin')
    const { sql } = api.db
    await sql`
      create function refuse_outbox() returns trigger
      language plpgsql as $$ begin raise exception 'outbox unavailable'; end $$
    `
    await sql`create trigger refuse_outbox before insert on outbox execute function refuse_outbox()`
    try {
      const reply = await writesNothing(() => patch(driverId, token, { dutyStatus: 'busy' }))
      expectProblem(reply, 500, 'internal_error')
      expect(JSON.stringify(reply.body)).not.toMatch(/outbox/)
    } finally {
      await sql`drop trigger refuse_outbox on outbox`
      await sql`drop function refuse_outbox()`
    }
  })

  it('announces concurrent changes as one unbroken chain', async () => {
    const { driverId } = await driver()
    const { token } = await api.signIn('dispatcher')
    const replies = await Promise.all(
      (['available', 'busy', 'offline', 'available'] as const).map((dutyStatus) =>
        patch(driverId, token, { dutyStatus }),
      ),
    )
    expect(replies.map((reply) => reply.status)).toEqual([200, 200, 200, 200])
    const events = (await statusEvents(driverId)).map((event) => event.data)
    expect(events[0]!.from).toBe('offline')
    for (let i = 1; i < events.length; i++) expect(events[i]!.from).toBe(events[i - 1]!.to)
    const [now] = await api.db.sql`select duty_status from drivers where id = ${driverId}`
    expect(now!.dutyStatus).toBe(events.at(-1)?.to ?? 'offline')
  })
})

describe('the OpenAPI document', () => {
  it('describes every drivers route with its schemas', async () => {
    const { status, body } = await api.request('GET', '/api/openapi.json')
    expect(status).toBe(200)
    expect(Object.keys(body.paths['/api/drivers']).sort()).toEqual(['get', 'post'])
    expect(
      body.paths['/api/drivers/{id}'].patch.requestBody.content['application/json'].schema,
    ).toMatchObject({ additionalProperties: false, minProperties: 1 })
    expect(body.components.schemas.Driver.required).toContain('activeShipments')
  })
})

describe('the audit trail of driver changes', () => {
  const trail = (userId: string) => api.db.sql<
    { actorId: string; action: string; changes: Record<string, unknown> }[]
  >`
    select actor_id, action, changes
    from audit_events
    where target_id = ${userId}
    order by at desc, id desc
  `

  it("records an admin's driver, and an admin's change to its vehicle, on its account", async () => {
    const admin = await api.signIn('admin')
    const created = await api.request('POST', '/api/drivers', {
      token: admin.token,
      body: {
        email: `${tag()}@example.com`,
        name: 'Audited Driver',
        vehicleType: 'bicycle',
        password,
      },
    })
    expect(created.status).toBe(201)
    const { id, userId } = created.body
    const changed = await api.request('PATCH', `/api/drivers/${id}`, {
      token: admin.token,
      body: { vehicleType: 'van', vehiclePlate: 'VAN-1' },
    })
    expect(changed.status).toBe(200)

    const [change, creation] = await trail(userId)
    expect(change).toEqual({
      actorId: admin.userId,
      action: 'driver.changed',
      changes: {
        vehicleType: { from: 'bicycle', to: 'van' },
        vehiclePlate: { from: null, to: 'VAN-1' },
      },
    })
    expect(creation).toMatchObject({
      actorId: admin.userId,
      action: 'driver.created',
      changes: { role: { to: 'driver' }, vehicleType: { to: 'bicycle' } },
    })
    expect(JSON.stringify(creation)).not.toContain(password)
  })

  it("leaves a driver's own duty changes off the trail", async () => {
    const self = await driver()
    const reply = await api.request('PATCH', `/api/drivers/${self.driverId}`, {
      token: self.token,
      body: { dutyStatus: 'available' },
    })
    expect(reply.status).toBe(200)
    expect(await trail(self.userId)).toEqual([])
  })
})
