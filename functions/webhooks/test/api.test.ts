import type { Role } from '@dropmate/core'
import { EVENT_TYPES } from '@dropmate/contracts/event-types'
import { startTestApi, type SignedIn, type TestApi } from '@dropmate/kit/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { webhookApps } from './support'

const UNKNOWN = '00000000-0000-4000-8000-000000000000'
const URL_ = 'https://hooks.example.com/dropmate'

let api: TestApi
const tokens = {} as Record<Role, SignedIn>
let id: string

beforeAll(async () => {
  // hooks.example.com must not need to resolve here: the address check is ssrf.test.ts's.
  api = await startTestApi(webhookApps, { WEBHOOKS_ALLOW_PRIVATE: 'true' })
  for (const role of ['admin', 'dispatcher', 'driver', 'customer'] as const) {
    tokens[role] = await api.signIn(role)
  }
  const created = await create()
  expect(created.status, JSON.stringify(created.body)).toBe(201)
  id = created.body.id
})

afterAll(async () => {
  await api?.close()
})

function create(body: unknown = { url: URL_, eventTypes: [EVENT_TYPES.shipmentCreated] }) {
  return api.request('POST', '/api/webhooks', { token: tokens.admin.token, body })
}

const calls = () => [
  { method: 'GET', path: '/api/webhooks' },
  {
    method: 'POST',
    path: '/api/webhooks',
    body: { url: URL_, eventTypes: [EVENT_TYPES.shipmentCreated] },
  },
  { method: 'GET', path: `/api/webhooks/${id}` },
  { method: 'PATCH', path: `/api/webhooks/${id}`, body: { description: 'ERP' } },
  { method: 'POST', path: `/api/webhooks/${id}/secret` },
  { method: 'GET', path: `/api/webhooks/${id}/deliveries` },
  { method: 'POST', path: `/api/webhooks/${id}/deliveries/msg_${'0'.repeat(32)}/replay` },
  { method: 'DELETE', path: `/api/webhooks/${UNKNOWN}` },
]

describe('the webhook settings API', () => {
  it('answers 401 to every call without a token', async () => {
    for (const { method, path, body } of calls()) {
      const reply = await api.request(method, path, { body })
      expect([method, path, reply.status]).toEqual([method, path, 401])
    }
  })

  it.each(['dispatcher', 'driver', 'customer'] as const)('answers 403 to a %s', async (role) => {
    for (const { method, path, body } of calls()) {
      const reply = await api.request(method, path, { token: tokens[role].token, body })
      expect([method, path, reply.status, reply.body.code]).toEqual([
        method,
        path,
        403,
        'forbidden_role',
      ])
    }
  })

  it('lets an admin register, read, change, rotate and remove an endpoint', async () => {
    const token = tokens.admin.token
    const created = await create({
      url: URL_,
      eventTypes: [EVENT_TYPES.shipmentCreated, EVENT_TYPES.shipmentStatusChanged],
      description: 'Shop ERP',
      enabled: false,
    })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ url: URL_, description: 'Shop ERP', enabled: false })
    const { id: mine, secret } = created.body

    const read = await api.request('GET', `/api/webhooks/${mine}`, { token })
    expect(read.status).toBe(200)
    expect(read.body).not.toHaveProperty('secret')
    const list = await api.request('GET', '/api/webhooks', { token })
    expect(list.body.items.map((e: { id: string }) => e.id)).toContain(mine)
    expect(JSON.stringify(list.body)).not.toContain(secret)

    const changed = await api.request('PATCH', `/api/webhooks/${mine}`, {
      token,
      body: { enabled: true, eventTypes: [EVENT_TYPES.driverStatusChanged] },
    })
    expect(changed.body).toMatchObject({
      enabled: true,
      eventTypes: [EVENT_TYPES.driverStatusChanged],
    })

    const rotated = await api.request('POST', `/api/webhooks/${mine}/secret`, { token })
    expect(rotated.status).toBe(200)
    expect(rotated.body.secret).toMatch(/^whsec_/)
    expect(rotated.body.secret).not.toBe(secret)

    expect((await api.request('DELETE', `/api/webhooks/${mine}`, { token })).status).toBe(204)
    expect((await api.request('GET', `/api/webhooks/${mine}`, { token })).status).toBe(404)
  })

  it.each([
    ['no event types', { url: URL_, eventTypes: [] }],
    ['an unknown event type', { url: URL_, eventTypes: ['com.dropmate.nope.v1'] }],
    [
      'a repeated event type',
      { url: URL_, eventTypes: [EVENT_TYPES.shipmentCreated, EVENT_TYPES.shipmentCreated] },
    ],
    ['driver positions', { url: URL_, eventTypes: [EVENT_TYPES.driverLocation] }],
    [
      'a field it does not know',
      { url: URL_, eventTypes: [EVENT_TYPES.shipmentCreated], secret: 'x' },
    ],
    ['no URL', { eventTypes: [EVENT_TYPES.shipmentCreated] }],
  ])('answers 400 to a registration with %s', async (_, body) => {
    const reply = await create(body)
    expect(reply.status, JSON.stringify(reply.body)).toBe(400)
  })

  it('answers 422 to a URL that does not parse or carries credentials', async () => {
    for (const url of ['not a url', 'https://user:pass@hooks.example.com/']) {
      const reply = await create({ url, eventTypes: [EVENT_TYPES.shipmentCreated] })
      expect([url, reply.status, reply.body.code]).toEqual([url, 422, 'webhook_url_refused'])
    }
  })

  it('answers 400 to a malformed id and 404 to an unknown one', async () => {
    const token = tokens.admin.token
    expect((await api.request('GET', '/api/webhooks/nope', { token })).status).toBe(400)
    for (const [method, path] of [
      ['GET', `/api/webhooks/${UNKNOWN}`],
      ['PATCH', `/api/webhooks/${UNKNOWN}`],
      ['POST', `/api/webhooks/${UNKNOWN}/secret`],
      ['GET', `/api/webhooks/${UNKNOWN}/deliveries`],
      ['DELETE', `/api/webhooks/${UNKNOWN}`],
    ] as const) {
      const body = method === 'PATCH' ? { enabled: false } : undefined
      const reply = await api.request(method, path, { token, body })
      expect([method, path, reply.status, reply.body?.code]).toEqual([
        method,
        path,
        404,
        'webhook_not_found',
      ])
    }
    const patch = await api.request('PATCH', `/api/webhooks/${id}`, { token, body: {} })
    expect(patch.status).toBe(400)
  })
})
