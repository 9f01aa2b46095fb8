import { createAccount } from '@dropmate/kit'
import { startTestApi, type TestApi } from '@dropmate/kit/testing'
import { sign } from 'hono/jwt'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createUser, login, logout, me, refreshToken } from '../src'

let api: TestApi
const password = 'correct horse battery'

beforeAll(async () => {
  api = await startTestApi((deps) => [
    login.app(deps),
    refreshToken.app(deps),
    logout.app(deps),
    me.app(deps),
    createUser.app(deps),
  ])
})

afterAll(() => api.close())

let people = 0
async function person(role: 'admin' | 'dispatcher' | 'driver' | 'customer' = 'dispatcher') {
  people += 1
  const email = `person${people}@example.com`
  const vehicle = role === 'driver' ? { type: 'bicycle' as const } : undefined
  await createAccount(api.db.sql, { email, name: `Person ${people}`, role, password, vehicle })
  return email
}

const signIn = (email: string, pass = password) =>
  api.request('POST', '/api/auth/login', { body: { email, password: pass } })

describe('POST /api/auth/login', () => {
  it('trades the right password for tokens that identify the account', async () => {
    const email = await person('driver')
    const { status, body } = await signIn(email.toUpperCase())
    expect(status).toBe(200)
    expect(body).toMatchObject({
      tokenType: 'Bearer',
      expiresIn: 900,
      account: { email, role: 'driver' },
    })
    expect(body.account.driverId).toEqual(expect.any(String))

    const whoAmI = await api.request('GET', '/api/me', { token: body.accessToken })
    expect(whoAmI.status).toBe(200)
    expect(whoAmI.body).toEqual(body.account)
  })

  it('answers a wrong password and an unknown email alike', async () => {
    const email = await person()
    const wrong = await signIn(email, 'not the password')
    const unknown = await signIn('nobody@example.com')
    for (const reply of [wrong, unknown]) {
      expect(reply.status).toBe(401)
      expect(reply.body).toMatchObject({ code: 'invalid_credentials' })
    }
  })

  it('refuses a disabled account', async () => {
    const email = await person()
    await api.db.sql`update users set disabled_at = now() where email = ${email}`
    expect((await signIn(email)).status).toBe(401)
  })

  it('slows down guessing: after ten wrong passwords in a quarter hour, even the right one waits', async () => {
    const email = await person()
    for (let i = 0; i < 10; i++) expect((await signIn(email, `guess ${i}`)).status).toBe(401)
    const blocked = await signIn(email)
    expect(blocked.status).toBe(429)
    expect(blocked.body).toMatchObject({ code: 'rate_limited' })
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0)
  })

  it('allows as many wrong passwords as LOGIN_FAILURES_PER_15_MINUTES says', async () => {
    const strict = await startTestApi((deps) => login.app(deps), {
      LOGIN_FAILURES_PER_15_MINUTES: '2',
    })
    try {
      const email = 'strict@example.com'
      await createAccount(strict.db.sql, { email, name: 'Strict', role: 'customer', password })
      const attempt = (pass: string) =>
        strict.request('POST', '/api/auth/login', { body: { email, password: pass } })
      expect((await attempt('guess 1')).status).toBe(401)
      expect((await attempt('guess 2')).status).toBe(401)
      expect((await attempt(password)).status).toBe(429)
    } finally {
      await strict.close()
    }
  })

  it('never holds back someone who types their password right', async () => {
    const email = await person()
    for (let i = 0; i < 9; i++) await signIn(email, `typo ${i}`)
    for (let i = 0; i < 15; i++) expect((await signIn(email)).status).toBe(200)
    expect((await signIn(email, 'one more typo')).status).toBe(401)
  })

  it.each([
    ['malformed JSON', '{"email": "a@example.com",', 'malformed_request'],
    ['a missing password', { email: 'a@example.com' }, 'invalid_request'],
    ['a number for an email', { email: 42, password }, 'invalid_request'],
    ['an unknown field', { email: 'a@example.com', password, admin: true }, 'invalid_request'],
    ['not an email', { email: 'not-an-email', password }, 'invalid_request'],
  ])('answers %s with a 400 problem', async (_, body, code) => {
    const reply = await api.request('POST', '/api/auth/login', {
      body,
      headers: { 'content-type': 'application/json' },
    })
    expect(reply.status).toBe(400)
    expect(reply.headers.get('content-type')).toBe('application/problem+json')
    expect(reply.body).toMatchObject({ code })
  })

  it('names the offending field, and says a field left out is required', async () => {
    const reply = await api.request('POST', '/api/auth/login', { body: { email: 'a@example.com' } })
    expect(reply.body.errors).toEqual([{ field: 'body.password', message: 'is required' }])
  })

  it('says only that a field has the wrong type, not what its length would be as text', async () => {
    const reply = await api.request('POST', '/api/auth/login', {
      body: { email: 'a@example.com', password: [] },
    })
    expect(reply.body.errors).toEqual([
      { field: 'body.password', message: 'Invalid input: expected string, received array' },
    ])
  })

  it('refuses an oversize body without reading it all', async () => {
    const reply = await api.request('POST', '/api/auth/login', {
      body: { email: 'a@example.com', password: 'x'.repeat(200_000) },
    })
    expect(reply.status).toBe(413)
    expect(reply.body).toMatchObject({ code: 'body_too_large' })
  })
})

describe('access tokens', () => {
  const secret = () => api.deps.config.JWT_SECRET!

  it('are required', async () => {
    const reply = await api.request('GET', '/api/me')
    expect(reply.status).toBe(401)
    expect(reply.body).toMatchObject({ code: 'missing_token' })
    expect(reply.headers.get('www-authenticate')).toMatch(/^Bearer/)
  })

  it('are refused when expired, tampered with, signed by someone else, or garbage', async () => {
    const { userId, token } = await api.signIn('dispatcher')
    const now = Math.floor(Date.now() / 1000)
    const expired = await sign({ iss: 'dropmate', sub: userId, exp: now - 1 }, secret(), 'HS256')
    const forged = await sign(
      { iss: 'dropmate', sub: userId, exp: now + 60 },
      'y'.repeat(32),
      'HS256',
    )
    const [head, , signature] = token.split('.')
    const payload = Buffer.from(
      JSON.stringify({ iss: 'dropmate', sub: userId, role: 'admin' }),
    ).toString('base64url')
    const tampered = `${head}.${payload}.${signature}`
    for (const bad of [expired, forged, tampered, 'garbage', `${token}x`]) {
      const reply = await api.request('GET', '/api/me', { token: bad })
      expect(reply.status).toBe(401)
      expect(reply.body).toMatchObject({ code: 'invalid_token' })
    }
  })

  it('stop working at their expiry, though accepted before', async () => {
    const { token } = await api.signIn('driver')
    expect((await api.request('GET', '/api/me', { token })).status).toBe(200)
    const ttlMs = api.deps.config.ACCESS_TOKEN_TTL_SECONDS * 1000
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + ttlMs + 1_000 })
    try {
      const reply = await api.request('GET', '/api/me', { token })
      expect(reply.status).toBe(401)
      expect(reply.body).toMatchObject({ code: 'invalid_token' })
    } finally {
      vi.useRealTimers()
    }
  })

  it('say who holds them without asking the database: only an announced change outdates them', async () => {
    const { userId, token } = await api.signIn('dispatcher')
    await api.db.sql`update users set role = 'customer' where id = ${userId}`
    expect((await api.request('GET', '/api/me', { token })).body.role).toBe('dispatcher')
    await api.deps.accounts.announce({ userId, version: 1 })
    expect((await api.request('GET', '/api/me', { token })).status).toBe(401)
  })
})

describe('refresh tokens', () => {
  it('rotate: each works once and yields a working pair', async () => {
    const first = (await signIn(await person())).body
    const second = await api.request('POST', '/api/auth/refresh', {
      body: { refreshToken: first.refreshToken },
    })
    expect(second.status).toBe(200)
    expect(second.body.refreshToken).not.toBe(first.refreshToken)
    expect((await api.request('GET', '/api/me', { token: second.body.accessToken })).status).toBe(
      200,
    )
  })

  it('end the whole session when one is replayed', async () => {
    const first = (await signIn(await person())).body
    const rotate = (refreshToken: string) =>
      api.request('POST', '/api/auth/refresh', { body: { refreshToken } })
    const second = (await rotate(first.refreshToken)).body
    const replay = await rotate(first.refreshToken)
    expect(replay.status).toBe(401)
    expect(replay.body).toMatchObject({ code: 'invalid_refresh_token' })
    expect((await rotate(second.refreshToken)).status).toBe(401)
  })

  it('stop working after logout', async () => {
    const tokens = (await signIn(await person())).body
    const out = await api.request('POST', '/api/auth/logout', {
      body: { refreshToken: tokens.refreshToken },
    })
    expect(out.status).toBe(204)
    const after = await api.request('POST', '/api/auth/refresh', {
      body: { refreshToken: tokens.refreshToken },
    })
    expect(after.status).toBe(401)
  })

  it('are refused when unknown', async () => {
    const reply = await api.request('POST', '/api/auth/refresh', { body: { refreshToken: 'nope' } })
    expect(reply.status).toBe(401)
  })
})

describe('POST /api/users', () => {
  const newUser = (role: string, extra: Record<string, unknown> = {}) => ({
    email: `new-${role}-${Math.random().toString(36).slice(2)}@example.com`,
    name: `New ${role}`,
    role,
    password: 'a long enough password',
    ...extra,
  })

  it('lets an admin create a dispatcher who can then sign in', async () => {
    const admin = await api.signIn('admin')
    const body = newUser('dispatcher')
    const created = await api.request('POST', '/api/users', { token: admin.token, body })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ email: body.email, role: 'dispatcher' })
    expect((await signIn(body.email, body.password)).status).toBe(200)
  })

  it('lets a dispatcher create customers but nothing above', async () => {
    const dispatcher = await api.signIn('dispatcher')
    const customer = await api.request('POST', '/api/users', {
      token: dispatcher.token,
      body: newUser('customer'),
    })
    expect(customer.status).toBe(201)
    const admin = await api.request('POST', '/api/users', {
      token: dispatcher.token,
      body: newUser('admin'),
    })
    expect(admin.status).toBe(403)
  })

  it.each(['driver', 'customer'] as const)('refuses a %s', async (role) => {
    const { token } = await api.signIn(role)
    const reply = await api.request('POST', '/api/users', { token, body: newUser('customer') })
    expect(reply.status).toBe(403)
    expect(reply.body).toMatchObject({ code: 'forbidden_role' })
  })

  it('refuses a taken email, whatever its case', async () => {
    const admin = await api.signIn('admin')
    const body = newUser('dispatcher')
    await api.request('POST', '/api/users', { token: admin.token, body })
    const again = await api.request('POST', '/api/users', {
      token: admin.token,
      body: { ...body, email: body.email.toUpperCase() },
    })
    expect(again.status).toBe(409)
    expect(again.body).toMatchObject({ code: 'email_taken' })
  })

  it('needs a password of ten characters in local mode', async () => {
    const admin = await api.signIn('admin')
    const missing = await api.request('POST', '/api/users', {
      token: admin.token,
      body: newUser('dispatcher', { password: undefined }),
    })
    expect(missing.status).toBe(400)
    const short = await api.request('POST', '/api/users', {
      token: admin.token,
      body: newUser('dispatcher', { password: 'short' }),
    })
    expect(short.body.errors).toContainEqual(expect.objectContaining({ field: 'body.password' }))
  })
})
