import { EVENT_TYPES } from '@dropmate/contracts/event-types'
import { startTestApi, type SignedIn, type TestApi } from '@dropmate/kit/testing'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { sealWebhookSecret } from '../src/secret'
import { startReceiver, status } from '../src/testing'
import { deliver, shipmentCreated, webhookApps } from './support'

// Addresses an endpoint must never reach unless WEBHOOKS_ALLOW_PRIVATE: this machine, the
// cluster's networks, the cloud metadata service, and the same in IPv6 clothing.
const REFUSED = [
  'https://127.0.0.1/hooks',
  'https://10.1.2.3/hooks',
  'https://169.254.169.254/latest/meta-data',
  'https://[::1]/hooks',
  'https://[::ffff:127.0.0.1]/hooks',
  'https://100.64.0.1/hooks',
  'https://[fe80::1]/hooks',
  'https://0.0.0.0/hooks',
  // A name that resolves to loopback.
  'https://localhost/hooks',
]

let api: TestApi
let admin: SignedIn
let receiver: Awaited<ReturnType<typeof startReceiver>>

beforeAll(async () => {
  // The defaults: public https endpoints only.
  api = await startTestApi(webhookApps)
  admin = await api.signIn('admin')
  receiver = await startReceiver(status(204))
})

afterAll(async () => {
  await receiver?.close()
  await api?.close()
})

beforeEach(async () => {
  await api.db.sql`delete from webhook_endpoints`
  receiver.received.length = 0
})

const register = (url: string) =>
  api.request('POST', '/api/webhooks', {
    token: admin.token,
    body: { url, eventTypes: [EVENT_TYPES.shipmentCreated] },
  })

/**
 * An endpoint as if registered while its name resolved to a public address, and since moved:
 * only the delivery-time check stands between it and the address it points at now.
 */
async function movedEndpoint(url: string) {
  const [row] = await api.db.sql<{ id: string }[]>`
    insert into webhook_endpoints (url, event_types, secret)
    values (
      ${url},
      array[${EVENT_TYPES.shipmentCreated}]::text[],
      ${sealWebhookSecret('whsec_' + Buffer.alloc(32, 7).toString('base64'), undefined)}
    )
    returning id
  `
  return row!.id
}

async function attemptsOf(id: string) {
  const reply = await api.request('GET', `/api/webhooks/${id}/deliveries`, { token: admin.token })
  expect(reply.status).toBe(200)
  return reply.body.items[0].attempts as Array<{ succeeded: boolean; error: string | null }>
}

describe('webhook endpoints and private addresses', () => {
  it.each(REFUSED)('refuses to register %s', async (url) => {
    const reply = await register(url)
    expect(reply.status, JSON.stringify(reply.body)).toBe(422)
    expect(reply.body.code).toBe('webhook_url_refused')
    expect(reply.body.detail).toContain('not a public internet address')
  })

  it('refuses http unless WEBHOOKS_ALLOW_HTTP', async () => {
    const reply = await register('http://hooks.example.com/dropmate')
    expect(reply.status).toBe(422)
    expect(reply.body).toMatchObject({
      code: 'webhook_url_refused',
      detail: 'The URL must be https.',
    })
  })

  it('refuses a change of URL to a private address', async () => {
    const id = await movedEndpoint('https://hooks.example.com/dropmate')
    const reply = await api.request('PATCH', `/api/webhooks/${id}`, {
      token: admin.token,
      body: { url: 'https://192.168.1.10/hooks' },
    })
    expect(reply.status).toBe(422)
    expect(reply.body.code).toBe('webhook_url_refused')
  })

  it.each([
    ['address', () => receiver.url],
    ['name', () => receiver.url.replace('127.0.0.1', 'localhost')],
    ['IPv4-mapped IPv6 address', () => receiver.url.replace('127.0.0.1', '[::ffff:127.0.0.1]')],
  ])('refuses at delivery an endpoint whose %s is now loopback', async (_, urlOf) => {
    const id = await movedEndpoint(urlOf())

    expect(await deliver(api, shipmentCreated())).toBe(502)

    expect(receiver.received).toHaveLength(0)
    const [attempt] = await attemptsOf(id)
    expect(attempt!.succeeded).toBe(false)
    expect(attempt!.error).toMatch(/^refused: .* is not a public internet address$/)
  })
})
