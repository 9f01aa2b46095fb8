import { createAccount, type ApiDeps } from '@dropmate/kit'
import { startTestApi, startTestApiBeside, type TestApi } from '@dropmate/kit/testing'
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { functions, resetPassword } from '../src'

const build = (deps: ApiDeps) => functions.map((fn) => fn.app(deps))
const PASSWORD = 'correct horse battery'
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000'

let api: TestApi
let admin: { token: string; userId: string }

beforeAll(async () => {
  api = await startTestApi(build)
  admin = await api.signIn('admin', { name: 'Ada Admin' })
})

afterAll(() => api?.close())

let people = 0
/** An account with a password, signed in through the API: its tokens are a real session. */
async function person(
  role: 'admin' | 'dispatcher' | 'driver' | 'customer',
  fields: { name?: string; phone?: string } = {},
) {
  people += 1
  const email = `person-${people}-${randomUUID().slice(0, 6)}@example.com`
  const vehicle = role === 'driver' ? { type: 'cargo_bike' as const, plate: 'B-42' } : undefined
  const { user, driverId } = await createAccount(api.db.sql, {
    email,
    name: fields.name ?? `Person ${people}`,
    phone: fields.phone,
    role,
    password: PASSWORD,
    vehicle,
  })
  const login = await api.request('POST', '/api/auth/login', {
    body: { email, password: PASSWORD },
  })
  expect(login.status).toBe(200)
  const { accessToken, refreshToken } = login.body
  return { userId: user.id, driverId, email, accessToken, refreshToken }
}

const asAdmin = (method: string, path: string, body?: unknown) =>
  api.request(method, path, { token: admin.token, body })

describe('who may administer users', () => {
  const endpoints = (id: string) =>
    [
      ['GET', '/api/users', undefined],
      ['GET', `/api/users/${id}`, undefined],
      ['PATCH', `/api/users/${id}`, { role: 'dispatcher' }],
      ['POST', `/api/users/${id}/password`, { password: 'a brand new password' }],
      ['GET', `/api/audit?targetId=${id}`, undefined],
    ] as const

  it('answers admins and refuses every other role with 403, and no token with 401', async () => {
    const target = await person('customer')
    for (const role of ['dispatcher', 'driver', 'customer'] as const) {
      const { token } = await api.signIn(role)
      for (const [method, path, body] of endpoints(target.userId)) {
        const reply = await api.request(method, path, { token, body })
        expect(reply.status, `${role} ${method} ${path}`).toBe(403)
        expect(reply.body).toMatchObject({ code: 'forbidden_role' })
      }
    }
    for (const [method, path, body] of endpoints(target.userId)) {
      const reply = await api.request(method, path, { body })
      expect(reply.status, `anonymous ${method} ${path}`).toBe(401)
    }
    for (const [method, path, body] of endpoints(target.userId)) {
      const reply = await asAdmin(method, path, body)
      expect(reply.status, `admin ${method} ${path}`).toBe(200)
    }
  })

  it('answers malformed input with 400 and unknown accounts with 404', async () => {
    for (const path of [
      '/api/users?limit=0',
      '/api/users?role=boss',
      '/api/users?disabled=maybe',
      '/api/users?cursor=page-2',
      '/api/users/not-an-id',
      '/api/audit?targetId=someone',
    ]) {
      const reply = await asAdmin('GET', path)
      expect(reply.status, path).toBe(400)
      expect(reply.headers.get('content-type')).toContain('application/problem+json')
    }
    expect(
      (await asAdmin('POST', `/api/users/${admin.userId}/password`, { password: 'short' })).status,
    ).toBe(400)
    for (const body of [
      undefined,
      {},
      { generate: false },
      { password: 'long enough!', generate: true },
    ]) {
      const reply = await api.request('POST', `/api/users/${admin.userId}/password`, {
        token: admin.token,
        body,
      })
      expect(reply.status, JSON.stringify(body)).toBe(400)
    }
    expect((await asAdmin('PATCH', `/api/users/${admin.userId}`, { role: 'owner' })).status).toBe(
      400,
    )
    for (const [method, path, body] of [
      ['GET', `/api/users/${UNKNOWN_ID}`, undefined],
      ['PATCH', `/api/users/${UNKNOWN_ID}`, { disabled: true }],
      ['POST', `/api/users/${UNKNOWN_ID}/password`, { generate: true }],
    ] as const) {
      const reply = await asAdmin(method, path, body)
      expect(reply.status, `${method} ${path}`).toBe(404)
      expect(reply.body).toMatchObject({ code: 'user_not_found' })
    }
  })
})

describe('GET /api/users', () => {
  it('finds accounts by a fragment of the name, email or phone, in any case', async () => {
    const zoe = await person('customer', { name: 'Zoë Quillfeather', phone: '+44 20 7946 0958' })
    const byName = await asAdmin('GET', '/api/users?q=QUILLF')
    expect(byName.body.items.map((u: { id: string }) => u.id)).toEqual([zoe.userId])
    const byEmail = await asAdmin(
      'GET',
      `/api/users?q=${encodeURIComponent(zoe.email.slice(0, 12))}`,
    )
    expect(byEmail.body.items.map((u: { id: string }) => u.id)).toEqual([zoe.userId])
    const byPhone = await asAdmin('GET', '/api/users?q=7946%200958')
    expect(byPhone.body.items).toEqual([
      expect.objectContaining({ id: zoe.userId, phone: '+44 20 7946 0958', disabled: false }),
    ])
    const wildcard = await asAdmin('GET', '/api/users?q=%25')
    expect(wildcard.body.items).toEqual([])
  })

  it('filters by role and by disabled, and pages through everyone exactly once by name', async () => {
    const drivers = []
    for (let i = 0; i < 5; i++) drivers.push(await person('driver', { name: `Pager ${5 - i}` }))
    await asAdmin('PATCH', `/api/users/${drivers[0]!.userId}`, { disabled: true })

    const seen: { id: string; name: string; role: string }[] = []
    let cursor: string | null = null
    do {
      const query: string = `/api/users?q=Pager&role=driver&limit=2${cursor ? `&cursor=${cursor}` : ''}`
      const page = await asAdmin('GET', query)
      expect(page.status).toBe(200)
      expect(page.body.items.length).toBeLessThanOrEqual(2)
      seen.push(...page.body.items)
      cursor = page.body.nextCursor
    } while (cursor)
    expect(seen.map((u) => u.name)).toEqual(['Pager 1', 'Pager 2', 'Pager 3', 'Pager 4', 'Pager 5'])
    expect(new Set(seen.map((u) => u.role))).toEqual(new Set(['driver']))

    const disabled = await asAdmin('GET', '/api/users?q=Pager&disabled=true')
    expect(disabled.body.items.map((u: { id: string }) => u.id)).toEqual([drivers[0]!.userId])
    const enabled = await asAdmin('GET', '/api/users?q=Pager&disabled=false')
    expect(enabled.body.items).toHaveLength(4)
    const customers = await asAdmin('GET', '/api/users?q=Pager&role=customer')
    expect(customers.body.items).toEqual([])
  })
})

describe('GET /api/users/{id}', () => {
  it("shows a driver's vehicle type, plate and contact details", async () => {
    const driver = await person('driver', { name: 'Vera Van', phone: '+31 6 1234 5678' })
    const { status, body } = await asAdmin('GET', `/api/users/${driver.userId}`)
    expect(status).toBe(200)
    expect(body).toMatchObject({
      id: driver.userId,
      name: 'Vera Van',
      email: driver.email,
      phone: '+31 6 1234 5678',
      role: 'driver',
      driverId: driver.driverId,
      disabled: false,
      vehicle: { type: 'cargo_bike', plate: 'B-42' },
    })
    const customer = await person('customer')
    expect((await asAdmin('GET', `/api/users/${customer.userId}`)).body.vehicle).toBeNull()
  })
})

describe('disabling an account', () => {
  it('ends its sessions: its access token and its refresh token are refused, saying why', async () => {
    const driver = await person('driver')
    expect((await asAdmin('PATCH', `/api/users/${driver.userId}`, { disabled: true })).status).toBe(
      200,
    )
    const me = await api.request('GET', '/api/me', { token: driver.accessToken })
    expect(me.status).toBe(401)
    const refreshed = await api.request('POST', '/api/auth/refresh', {
      body: { refreshToken: driver.refreshToken },
    })
    expect(refreshed.status).toBe(401)
    expect(refreshed.body).toMatchObject({ code: 'account_disabled' })
  })
})

describe('an edit that changes nothing', () => {
  it('leaves the account signed in: the same role, or enabled again while enabled', async () => {
    const dispatcher = await person('dispatcher')
    for (const same of [{ role: 'dispatcher' }, { disabled: false }]) {
      const reply = await asAdmin('PATCH', `/api/users/${dispatcher.userId}`, same)
      expect(reply.status).toBe(200)
      const me = await api.request('GET', '/api/me', { token: dispatcher.accessToken })
      expect(me.status).toBe(200)
    }
    // The admin saving their own panel unchanged stays signed in too.
    expect((await asAdmin('PATCH', `/api/users/${admin.userId}`, { role: 'admin' })).status).toBe(
      200,
    )
    expect((await asAdmin('GET', '/api/me')).status).toBe(200)
  })
})

describe('POST /api/users/{id}/password', () => {
  it('replaces the password: the old one is refused, the new one works, old sessions end', async () => {
    const target = await person('dispatcher')
    const reset = await asAdmin('POST', `/api/users/${target.userId}/password`, {
      password: 'a brand new password',
    })
    expect(reset.status).toBe(200)
    expect(reset.body).toMatchObject({ account: { id: target.userId }, generatedPassword: null })

    const login = (password: string) =>
      api.request('POST', '/api/auth/login', { body: { email: target.email, password } })
    expect((await login(PASSWORD)).status).toBe(401)
    expect((await login('a brand new password')).status).toBe(200)
    expect((await api.request('GET', '/api/me', { token: target.accessToken })).status).toBe(401)
    const refreshed = await api.request('POST', '/api/auth/refresh', {
      body: { refreshToken: target.refreshToken },
    })
    expect(refreshed.status).toBe(401)
  })

  it('makes one up when asked, answered this once, and it signs in', async () => {
    const target = await person('customer')
    const reset = await asAdmin('POST', `/api/users/${target.userId}/password`, { generate: true })
    expect(reset.status).toBe(200)
    const generated: string = reset.body.generatedPassword
    expect(generated.length).toBeGreaterThanOrEqual(16)
    const login = await api.request('POST', '/api/auth/login', {
      body: { email: target.email, password: generated },
    })
    expect(login.status).toBe(200)
  })

  // Processes share accounts only where they share Redis; embedded, there is one process.
  it.runIf(process.env.REDIS_URL)(
    "ends the account's sessions in every other process within a second",
    async () => {
      const other = await startTestApiBeside(api, build)
      try {
        const target = await person('dispatcher')
        expect((await other.request('GET', '/api/me', { token: target.accessToken })).status).toBe(
          200,
        )
        await asAdmin('POST', `/api/users/${target.userId}/password`, { generate: true })
        await expect
          .poll(
            async () =>
              (await other.request('GET', '/api/me', { token: target.accessToken })).status,
            { timeout: 1_000, interval: 50 },
          )
          .toBe(401)
      } finally {
        await other.close()
      }
    },
  )
})

describe('POST /api/users/{id}/password with Firebase sign-in', () => {
  it('answers that Firebase keeps the passwords, and changes nothing', async () => {
    // Only the handler's view of the mode changes: callers still sign in with local tokens,
    // so the rule is tested without the Firebase emulator.
    const firebase = await startTestApi((deps) =>
      resetPassword.app({ ...deps, config: { ...deps.config, AUTH_MODE: 'firebase' } }),
    )
    try {
      const { token } = await firebase.signIn('admin')
      const { userId } = await firebase.signIn('customer')
      const reply = await firebase.request('POST', `/api/users/${userId}/password`, {
        token,
        body: { generate: true },
      })
      expect(reply.status).toBe(409)
      expect(reply.body).toMatchObject({ code: 'passwords_managed_by_firebase' })
      expect(await firebase.db.sql`select id from audit_events`).toHaveLength(0)
    } finally {
      await firebase.close()
    }
  })
})

describe('the audit trail', () => {
  it('records every admin change with who, what and before/after, readable by target and actor', async () => {
    const created = await asAdmin('POST', '/api/users', {
      email: `audited-${randomUUID().slice(0, 6)}@example.com`,
      name: 'Audrey Audited',
      role: 'customer',
      password: 'the first password',
    })
    expect(created.status).toBe(201)
    const id = created.body.id
    await asAdmin('PATCH', `/api/users/${id}`, { role: 'dispatcher' })
    await asAdmin('PATCH', `/api/users/${id}`, { disabled: true })
    await asAdmin('PATCH', `/api/users/${id}`, { disabled: false })
    await asAdmin('POST', `/api/users/${id}/password`, { password: 'the second password' })

    const { status, body } = await asAdmin('GET', `/api/audit?targetId=${id}`)
    expect(status).toBe(200)
    expect(body.items.map((entry: { action: string }) => entry.action)).toEqual([
      'user.password_reset',
      'user.enabled',
      'user.disabled',
      'user.role_changed',
      'user.created',
    ])
    for (const entry of body.items) {
      expect(entry).toMatchObject({ actorId: admin.userId, actorName: 'Ada Admin', targetId: id })
      expect(entry.targetName).toBe('Audrey Audited')
    }
    expect(body.items[3].changes).toEqual({ role: { from: 'customer', to: 'dispatcher' } })
    expect(body.items[2].changes).toEqual({ disabled: { from: false, to: true } })
    expect(body.items[4].changes).toMatchObject({
      role: { to: 'customer' },
      name: { to: 'Audrey Audited' },
    })

    const byActor = await asAdmin('GET', `/api/audit?actorId=${admin.userId}&limit=2`)
    expect(byActor.body.items).toHaveLength(2)
    const next = await asAdmin(
      'GET',
      `/api/audit?actorId=${admin.userId}&limit=2&cursor=${byActor.body.nextCursor}`,
    )
    expect(next.body.items.map((e: { id: string }) => e.id)).not.toContain(byActor.body.items[1].id)
  })

  it('never holds a password or its hash', async () => {
    const target = await person('customer')
    await asAdmin('POST', `/api/users/${target.userId}/password`, {
      password: 'the secret one here',
    })
    const generated = await asAdmin('POST', `/api/users/${target.userId}/password`, {
      generate: true,
    })
    const [stored] = await api.db.sql<{ hash: string }[]>`
      select password_hash as hash from users where id = ${target.userId}
    `
    const rows = await api.db.sql<{ row: string }[]>`select a::text as row from audit_events a`
    const trail = rows.map((r) => r.row).join('\n')
    for (const secret of [
      PASSWORD,
      'the secret one here',
      generated.body.generatedPassword,
      stored!.hash,
    ]) {
      expect(trail).not.toContain(secret)
    }
    expect(trail).not.toMatch(/password_?hash|scrypt/i)
  })
})

describe('the last enabled admin', () => {
  let shop: TestApi
  beforeAll(async () => {
    shop = await startTestApi(build)
  })
  afterAll(() => shop?.close())

  it('cannot disable or demote themselves while no other admin is enabled (409)', async () => {
    const only = await shop.signIn('admin')
    const self = (body: unknown) =>
      shop.request('PATCH', `/api/users/${only.userId}`, { token: only.token, body })
    for (const body of [{ disabled: true }, { role: 'dispatcher' }]) {
      const reply = await self(body)
      expect(reply.status).toBe(409)
      expect(reply.body).toMatchObject({ code: 'last_admin' })
    }
    const second = await shop.signIn('admin')
    await shop.request('PATCH', `/api/users/${second.userId}`, {
      token: only.token,
      body: { disabled: true },
    })
    expect((await self({ role: 'dispatcher' })).status).toBe(409)

    await shop.request('PATCH', `/api/users/${second.userId}`, {
      token: only.token,
      body: { disabled: false },
    })
    const demoted = await self({ role: 'dispatcher' })
    expect(demoted.status).toBe(200)
    expect(demoted.body).toMatchObject({ role: 'dispatcher' })
    const changes = await shop.db.sql`
      select id from audit_events where action = 'user.role_changed'
    `
    expect(changes).toHaveLength(1)
  })
})
