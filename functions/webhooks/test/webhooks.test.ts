import { EVENT_TYPES } from '@dropmate/contracts/event-types'
import { startTestApi, type SignedIn, type TestApi } from '@dropmate/kit/testing'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startReceiver, status, verifyIndependently } from '../src/testing'
import { deliver, shipmentCreated, startBroker, until, webhookApps } from './support'

let api: TestApi
let admin: SignedIn
const closing: Array<() => Promise<void>> = []

beforeAll(async () => {
  // Test receivers listen on loopback over http: both allowed here, refused by default below.
  api = await startTestApi(webhookApps, {
    WEBHOOKS_ALLOW_PRIVATE: 'true',
    WEBHOOKS_ALLOW_HTTP: 'true',
    WEBHOOKS_SECRET_KEY: 'a-test-key-of-more-than-thirty-two-characters',
  })
  admin = await api.signIn('admin')
})

// Every enabled endpoint gets every event: each test starts with none of the others'.
beforeEach(async () => {
  await api.db.sql`delete from webhook_endpoints`
})

afterAll(async () => {
  for (const close of closing.reverse()) await close()
  await api?.close()
})

async function receiver(...answers: Parameters<typeof startReceiver>) {
  const started = await startReceiver(...answers)
  closing.push(started.close)
  return started
}

async function register(url: string, on: TestApi = api, token = admin.token) {
  const reply = await on.request('POST', '/api/webhooks', {
    token,
    body: { url, eventTypes: [EVENT_TYPES.shipmentCreated], description: 'Shop ERP' },
  })
  expect(reply.status, JSON.stringify(reply.body)).toBe(201)
  return reply.body as { id: string; secret: string }
}

async function deliveriesOf(id: string) {
  const reply = await api.request('GET', `/api/webhooks/${id}/deliveries`, { token: admin.token })
  expect(reply.status).toBe(200)
  return reply.body.items as Array<{
    id: string
    status: string
    attempts: Array<{
      attempt: number
      succeeded: boolean
      responseStatus: number | null
      responseExcerpt: string | null
      error: string | null
      replay: boolean
    }>
  }>
}

describe('signed outbound webhooks', () => {
  it('signs each delivery as Standard Webhooks specifies, verified by another implementation', async () => {
    const erp = await receiver(status(204))
    const endpoint = await register(erp.url)
    expect(endpoint.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/)
    const [stored] = await api.db.sql<{ secret: string }[]>`
      select secret from webhook_endpoints where id = ${endpoint.id}
    `
    expect(stored!.secret).toMatch(/^sealed:/)
    expect(stored!.secret).not.toContain(endpoint.secret.slice('whsec_'.length))
    const broker = await startBroker(api, 2)
    try {
      const event = shipmentCreated()
      await broker.publish(event)
      await until(() => erp.received.length === 1)

      const [message] = erp.received
      expect(await verifyIndependently(endpoint.secret, message!)).toMatch(/standardwebhooks|hmac/)
      expect(message!.headers['webhook-id']).toMatch(/^msg_/)
      expect(Number(message!.headers['webhook-timestamp'])).toBeCloseTo(Date.now() / 1000, -2)
      expect(JSON.parse(message!.body)).toEqual({
        type: EVENT_TYPES.shipmentCreated,
        timestamp: event.time,
        data: event.data,
      })
      const tampered = { ...message!, body: message!.body.replace('DM-TEST', 'DM-EVIL') }
      await expect(verifyIndependently(endpoint.secret, tampered)).rejects.toThrow('not verified')
    } finally {
      await broker.stop()
    }
  })

  it('retries a failing receiver with the same webhook-id, logging every attempt', async () => {
    const erp = await receiver(status(500), status(503), status(200))
    const endpoint = await register(erp.url)
    const broker = await startBroker(api, 5)
    try {
      await broker.publish(shipmentCreated())
      await until(() => erp.received.length === 3)
      await until(() => broker.dispatcher.stats().webhooks!.delivered === 1)

      const ids = new Set(erp.received.map((r) => r.headers['webhook-id']))
      expect(ids.size).toBe(1)
      for (const message of erp.received) await verifyIndependently(endpoint.secret, message)
      const [delivery] = await deliveriesOf(endpoint.id)
      expect(delivery!.id).toBe([...ids][0])
      expect(delivery!.status).toBe('succeeded')
      expect(delivery!.attempts.map((a) => [a.attempt, a.responseStatus, a.succeeded])).toEqual([
        [1, 500, false],
        [2, 503, false],
        [3, 200, true],
      ])
      expect(delivery!.attempts[0]!.responseExcerpt).toBe('answered 500')
    } finally {
      await broker.stop()
    }
  })

  it('ends in the dead letters when the receiver never takes the event', async () => {
    const erp = await receiver(status(503))
    const endpoint = await register(erp.url)
    const broker = await startBroker(api, 2)
    try {
      const event = shipmentCreated()
      await broker.publish(event)
      await until(async () => (await broker.transport.deadLetterCount()) === 1)

      const [letter] = await broker.transport.listDeadLetters(10)
      expect(letter!.event).toContain(event.id)
      expect(erp.received).toHaveLength(3)
      const [delivery] = await deliveriesOf(endpoint.id)
      expect(delivery!.status).toBe('failed')
      expect(delivery!.attempts).toHaveLength(3)
    } finally {
      await broker.stop()
    }
  })

  it('does not send an event again to an endpoint that took it when another failed', async () => {
    const steady = await receiver(status(204))
    const flaky = await receiver(status(500), status(204))
    await register(steady.url)
    await register(flaky.url)
    const broker = await startBroker(api, 3)
    try {
      await broker.publish(shipmentCreated())
      await until(() => broker.dispatcher.stats().webhooks!.delivered === 1)
      expect(flaky.received).toHaveLength(2)
      expect(steady.received).toHaveLength(1)
    } finally {
      await broker.stop()
    }
  })

  it('replays a delivery with the same webhook-id and body, newly signed', async () => {
    const erp = await receiver(status(204))
    const endpoint = await register(erp.url)
    expect(await deliver(api, shipmentCreated())).toBe(202)
    const [delivery] = await deliveriesOf(endpoint.id)

    const path = `/api/webhooks/${endpoint.id}/deliveries/${delivery!.id}/replay`
    const reply = await api.request('POST', path, { token: admin.token })

    expect(reply.status, JSON.stringify(reply.body)).toBe(200)
    expect(reply.body).toMatchObject({ attempt: 2, replay: true, succeeded: true })
    expect(erp.received).toHaveLength(2)
    expect(erp.received[1]!.headers['webhook-id']).toBe(delivery!.id)
    expect(erp.received[1]!.body).toBe(erp.received[0]!.body)
    await verifyIndependently(endpoint.secret, erp.received[1]!)
    const unknown = `/api/webhooks/${endpoint.id}/deliveries/msg_${'0'.repeat(32)}/replay`
    const missing = await api.request('POST', unknown, { token: admin.token })
    expect(missing.status).toBe(404)
    expect(missing.body.code).toBe('webhook_delivery_not_found')
  })

  it('does not follow a redirect', async () => {
    const elsewhere = await receiver(status(204))
    const erp = await receiver(status(302, { location: elsewhere.url }))
    const endpoint = await register(erp.url)

    expect(await deliver(api, shipmentCreated())).toBe(502)

    expect(elsewhere.received).toHaveLength(0)
    const [delivery] = await deliveriesOf(endpoint.id)
    expect(delivery!.attempts[0]).toMatchObject({
      responseStatus: 302,
      succeeded: false,
      error: 'redirect not followed',
    })
  })

  it('reads no more than the cap of an endless answer', async () => {
    const chunk = Buffer.alloc(16 * 1024, 'x')
    const endless = createServer((request, response) => {
      request.resume()
      response.writeHead(200, { 'content-type': 'text/plain' })
      const more = () => {
        while (!response.destroyed && response.write(chunk));
        if (!response.destroyed) response.once('drain', more)
      }
      more()
    })
    await new Promise<void>((resolve) => endless.listen(0, '127.0.0.1', resolve))
    closing.push(
      () =>
        new Promise((resolve) => {
          endless.closeAllConnections()
          endless.close(() => resolve())
        }),
    )
    const { port } = endless.address() as AddressInfo
    const endpoint = await register(`http://127.0.0.1:${port}/hooks`)

    expect(await deliver(api, shipmentCreated())).toBe(202)

    const [delivery] = await deliveriesOf(endpoint.id)
    expect(delivery!.attempts[0]).toMatchObject({
      responseStatus: 200,
      succeeded: true,
      error: null,
    })
    expect(delivery!.attempts[0]!.responseExcerpt).toHaveLength(1024)
  })
})
