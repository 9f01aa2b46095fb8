import { startTestApi, type SignedIn, type TestApi } from '@dropmate/kit/testing'
import { toCloudEvent } from '@dropmate/broker'
import { EVENT_TYPES } from '@dropmate/contracts/event-types'
import type { OutboxRow } from '@dropmate/db'
import { notifyReceiver, pushSubscriptions } from '@dropmate/notify'
import * as shipments from '@dropmate/shipments'
import webpush from 'web-push'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { browserSubscription, startPushService, vapidClaims } from './push-service'

/**
 * Web pushes to drivers' installed apps: the app saves its subscription, and notify-receiver
 * pushes each new delivery to it, through a push service of this file's own on loopback.
 * The pushes are decrypted and their VAPID signatures checked by node:crypto alone, not by
 * the library that made them.
 */
const VAPID = webpush.generateVAPIDKeys()
const SUBJECT = 'mailto:ops@shop.example'

let pushService: Awaited<ReturnType<typeof startPushService>>
let api: TestApi
let dispatcher: SignedIn
let driver: SignedIn

beforeAll(async () => {
  pushService = await startPushService()
  api = await startTestApi(
    (deps) => [
      pushSubscriptions.app(deps),
      shipments.createShipment.app(deps),
      shipments.assignShipment.app(deps),
      notifyReceiver.app(deps),
    ],
    {
      VAPID_PUBLIC_KEY: VAPID.publicKey,
      VAPID_PRIVATE_KEY: VAPID.privateKey,
      VAPID_SUBJECT: SUBJECT,
      WEB_PUSH_ANY_SERVICE: 'true',
    },
  )
  dispatcher = await api.signIn('dispatcher')
  driver = await onDuty('Bruno Costa')
})

afterAll(async () => {
  await api?.close()
  await pushService?.close()
})

beforeEach(() => {
  pushService.answer(201)
  pushService.received.length = 0
})

async function onDuty(name: string) {
  const courier = await api.signIn('driver', { name })
  await api.db.sql`update drivers set duty_status = 'available' where id = ${courier.driverId}`
  return courier
}

/** A phone of `who` that saved its push subscription. */
async function phoneOf(who: SignedIn) {
  const phone = browserSubscription(`${pushService.url}/push/${crypto.randomUUID()}`)
  const saved = await api.request('PUT', '/api/push-subscriptions', {
    token: who.token,
    body: phone.json,
  })
  expect(saved.status, JSON.stringify(saved.body)).toBe(204)
  return phone
}

/** A parcel assigned to `to`, and its assignment event as the broker delivers it. */
async function assignedTo(to: SignedIn) {
  const created = await api.request('POST', '/api/shipments', {
    token: dispatcher.token,
    body: {
      sender: { name: 'Padaria Estrela', address: 'Rua da Estrela 12', lat: 38.7135, lng: -9.1605 },
      receiver: { name: 'Rita Sousa', address: 'Rua dos Remédios 4', lat: 38.7118, lng: -9.1306 },
      package: { weightKg: 1.5 },
    },
  })
  expect(created.status).toBe(201)
  const shipment = created.body as { id: string; trackingNumber: string }
  const assigned = await api.request('POST', `/api/shipments/${shipment.id}/assign`, {
    token: dispatcher.token,
    body: { driverId: to.driverId },
  })
  expect(assigned.status).toBe(200)
  const [row] = await api.db.sql<OutboxRow[]>`
    select * from outbox where subject = ${shipment.id} and type = ${EVENT_TYPES.shipmentAssigned}
  `
  return { shipment, event: toCloudEvent(row!) }
}

async function deliver(event: ReturnType<typeof toCloudEvent>) {
  const response = await fetch(`${api.url}/notify/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/cloudevents+json' },
    body: JSON.stringify(event.toJSON()),
  })
  await response.text()
  return response.status
}

describe('push subscriptions', () => {
  it('are for drivers: other roles are refused, and anyone signed out', async () => {
    const body = browserSubscription(`${pushService.url}/push/x`).json
    for (const role of ['dispatcher', 'customer', 'admin'] as const) {
      const other = await api.signIn(role)
      const reply = await api.request('PUT', '/api/push-subscriptions', {
        token: other.token,
        body,
      })
      expect(reply.status, role).toBe(403)
    }
    expect((await api.request('PUT', '/api/push-subscriptions', { body })).status).toBe(401)
  })

  it('refuse what is no subscription, with the field named', async () => {
    const good = browserSubscription(`${pushService.url}/push/x`).json
    for (const body of [
      { ...good, endpoint: 'not a url' },
      { ...good, keys: { ...good.keys, p256dh: 'c2hvcnQ' } },
      // 65 bytes shaped like a key, but no point on the curve: a push could never be sealed.
      {
        ...good,
        keys: { ...good.keys, p256dh: Buffer.alloc(65).fill(4, 0, 1).toString('base64url') },
      },
      { ...good, keys: { auth: good.keys.auth } },
      { endpoint: good.endpoint },
    ]) {
      const reply = await api.request('PUT', '/api/push-subscriptions', {
        token: driver.token,
        body,
      })
      expect(reply.status, JSON.stringify(body)).toBe(400)
      expect(reply.body.code).toBe('invalid_request')
    }
  })
})

describe('a web push to the driver of a new delivery', () => {
  it('is encrypted for the phone, signed by the shop, and says what is new', async () => {
    const phone = await phoneOf(driver)
    const { shipment, event } = await assignedTo(driver)
    expect(await deliver(event)).toBe(202)
    expect(pushService.received).toHaveLength(1)
    const [push] = pushService.received
    expect(push!.path).toBe(new URL(phone.json.endpoint).pathname)
    expect(push!.headers).toMatchObject({ 'content-encoding': 'aes128gcm', ttl: '3600' })
    expect(JSON.parse(phone.decrypt(push!.body))).toEqual({
      title: 'New delivery',
      body: `Parcel ${shipment.trackingNumber} for Rita Sousa`,
      url: '/driver',
      tag: shipment.id,
    })
    const claims = vapidClaims(String(push!.headers.authorization), VAPID.publicKey)
    expect(claims).toMatchObject({ aud: pushService.url, sub: SUBJECT })
    expect(claims.exp * 1000).toBeGreaterThan(Date.now())
  })

  it('goes once per event and phone, however often the broker delivers it', async () => {
    const courier = await onDuty('Carla Dias')
    await phoneOf(courier)
    await phoneOf(courier)
    const { event } = await assignedTo(courier)
    expect(await deliver(event)).toBe(202)
    expect(await deliver(event)).toBe(202)
    expect(pushService.received).toHaveLength(2)
  })

  it('goes again on the retry to a phone whose push service failed, and not to the other', async () => {
    const courier = await onDuty('Duarte Eça')
    const first = await phoneOf(courier)
    const second = await phoneOf(courier)
    const { event } = await assignedTo(courier)
    pushService.answer(201, 503)
    expect(await deliver(event)).toBe(502)
    pushService.answer(201)
    expect(await deliver(event)).toBe(202)
    expect(pushService.received.map((push) => push.path)).toEqual(
      [first, second, second].map((phone) => new URL(phone.json.endpoint).pathname),
    )
  })

  it('forgets a phone its push service says is gone, and stops at unsubscribing', async () => {
    const courier = await onDuty('Eva Faria')
    const gone = await phoneOf(courier)
    pushService.answer(410)
    expect(await deliver((await assignedTo(courier)).event)).toBe(202)
    const left = await api.db.sql`
      select 1 from push_subscriptions where endpoint = ${gone.json.endpoint}
    `
    expect(left).toHaveLength(0)

    const phone = await phoneOf(courier)
    const stopped = await api.request('DELETE', '/api/push-subscriptions', {
      token: courier.token,
      body: { endpoint: phone.json.endpoint },
    })
    expect(stopped.status).toBe(204)
    pushService.answer(201)
    pushService.received.length = 0
    expect(await deliver((await assignedTo(courier)).event)).toBe(202)
    expect(pushService.received).toEqual([])
  })
})
