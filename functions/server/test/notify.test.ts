import { startTestApi, type SignedIn, type TestApi } from '@dropmate/kit/testing'
import { createMemoryTransport, createRedisTransport, encodeEvent } from '@dropmate/events'
import { parseTriggers } from '@dropmate/broker/triggers'
import { startDispatcher, startOutboxRelay, toCloudEvent, type OutboxRelay } from '@dropmate/broker'
import { EVENT_TYPES } from '@dropmate/contracts/event-types'
import { startDispatcherProcess } from '@dropmate/broker/testing'
import type { OutboxRow } from '@dropmate/db'
import { createTestRedis } from '@dropmate/db/testing'
import { startSendGridReceiver, startTwilioReceiver, type SentMail } from '@dropmate/mail/testing'
import { ingestLocations } from '@dropmate/locations'
import { reportPosition, untilCarrying } from '@dropmate/locations/testing'
import { notifyReceiver, unsubscribeNotifications } from '@dropmate/notify'
import * as shipments from '@dropmate/shipments'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

const PUBLIC_URL = 'https://dropmate.example'
let sendgrid: Awaited<ReturnType<typeof startSendGridReceiver>>
let twilio: Awaited<ReturnType<typeof startTwilioReceiver>>
const TWILIO_ACCOUNT_SID = `AC${'0123456789abcdef'.repeat(2)}`
let api: TestApi
let dispatcher: SignedIn
let driver: SignedIn
let relay: OutboxRelay

beforeAll(async () => {
  sendgrid = await startSendGridReceiver()
  twilio = await startTwilioReceiver()
  api = await startTestApi(
    (deps) => [
      unsubscribeNotifications.app(deps),
      shipments.createShipment.app(deps),
      shipments.getShipment.app(deps),
      shipments.editShipment.app(deps),
      shipments.assignShipment.app(deps),
      shipments.changeShipmentStatus.app(deps),
      ingestLocations.app(deps),
      notifyReceiver.app(deps),
    ],
    {
      SENDGRID_API_KEY: 'SG.test-key',
      SENDGRID_API_URL: sendgrid.url,
      MAIL_FROM: 'parcels@shop.example',
      TWILIO_ACCOUNT_SID,
      TWILIO_AUTH_TOKEN: 'twilio-test-token',
      SMS_API_URL: twilio.url,
      SMS_FROM: '+351300000001',
      // Receivers type their numbers as they say them, without +351.
      SMS_DEFAULT_COUNTRY: 'PT',
      PUBLIC_URL,
      TRACKING_RATE_LIMIT_PER_MINUTE: '1000',
      // The shop of these tests is in Lisbon, as are its receivers.
      SHOP_TIME_ZONE: 'Europe/Lisbon',
    },
  )
  dispatcher = await api.signIn('dispatcher')
  driver = await onDuty('Bruno Costa')
  // As in the server: ingest learns from the broker's log what each driver carries.
  relay = startOutboxRelay({ sql: api.db.sql, transport: api.deps.transport })
})

afterAll(async () => {
  await relay?.stop()
  await api?.close()
  await sendgrid?.close()
  await twilio?.close()
})

beforeEach(() => {
  sendgrid.answer(202)
  sendgrid.beforeAnswering(async () => {})
  sendgrid.sent.length = 0
  twilio.reset()
})

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

async function until(check: () => boolean, timeoutMs = 5_000) {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await sleep(20)
  }
}

/**
 * A driver on duty. Ingest keeps what a driver carries for a few seconds, so a test whose
 * driver reaches the door brings its own.
 */
async function onDuty(name: string) {
  const courier = await api.signIn('driver', { name })
  await api.db.sql`update drivers set duty_status = 'available' where id = ${courier.driverId}`
  return courier
}

async function createShipment(
  email: string | null = 'rita.sousa@example.com',
  phone: string | null = null,
) {
  const reply = await api.request('POST', '/api/shipments', {
    token: dispatcher.token,
    body: {
      sender: { name: 'Padaria Estrela', address: 'Rua da Estrela 12', lat: 38.7135, lng: -9.1605 },
      receiver: {
        name: 'Rita Sousa',
        email,
        phone,
        address: 'Rua dos Remédios 4, Alfama, Lisboa',
        lat: 38.7118,
        lng: -9.1306,
      },
      package: { weightKg: 1.5 },
    },
  })
  expect(reply.status, JSON.stringify(reply.body)).toBe(201)
  return reply.body as { id: string; trackingNumber: string }
}

/** Moves the shipment on, by `by` (the test's first driver unless said). */
async function step(id: string, to: string, { by = driver, ...extra }: StepOptions = {}) {
  const reply =
    to === 'assigned'
      ? await api.request('POST', `/api/shipments/${id}/assign`, {
          token: dispatcher.token,
          body: { driverId: by.driverId },
        })
      : await api.request('PATCH', `/api/shipments/${id}/status`, {
          token: by.token,
          body: { status: to, ...extra },
        })
  expect(reply.status, JSON.stringify(reply.body)).toBe(200)
}

interface StepOptions {
  by?: SignedIn
  reason?: string
}

/** The shipment's outbox events of `type`, as the relay hands them to the broker. */
async function eventsOf(shipmentId: string, type: string, to?: string) {
  const rows = await api.db.sql<OutboxRow[]>`
    select * from outbox where subject = ${shipmentId} and type = ${type} order by seq
  `
  return rows
    .filter((row) => to === undefined || row.data.to === to)
    .map((row) => toCloudEvent(row))
}

/** The broker's delivery of one event, in structured mode, as the dispatcher posts it. */
async function deliver(event: ReturnType<typeof toCloudEvent>) {
  const response = await fetch(`${api.url}/notify/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/cloudevents+json' },
    body: JSON.stringify(event.toJSON()),
  })
  await response.text()
  return response.status
}

const textOf = (mail: SentMail) => mail.body.content.find((c) => c.type === 'text/plain')!.value
const htmlOf = (mail: SentMail) => mail.body.content.find((c) => c.type === 'text/html')!.value

describe('customer notifications', () => {
  it('emails the receiver when a driver is assigned', async () => {
    const shipment = await createShipment()
    await step(shipment.id, 'assigned')
    const [assigned] = await eventsOf(shipment.id, EVENT_TYPES.shipmentAssigned)
    expect(await deliver(assigned!)).toBe(202)
    expect(sendgrid.sent).toHaveLength(1)
    const [mail] = sendgrid.sent
    expect(mail!.authorization).toBe('Bearer SG.test-key')
    expect(mail!.body.personalizations[0]!.to).toEqual([{ email: 'rita.sousa@example.com' }])
    expect(mail!.body.from.email).toBe('parcels@shop.example')
    expect(mail!.body.subject).toBe(`Your parcel ${shipment.trackingNumber} has a driver`)
    expect(textOf(mail!)).toContain('Bruno will bring your parcel')
    expect(mail!.body.headers).toEqual({
      'List-Unsubscribe': `<${PUBLIC_URL}/api/shipments/track/${shipment.trackingNumber}/unsubscribe>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    })
  })

  it('says the parcel is on its way with the tracking link and the arrival window', async () => {
    const shipment = await createShipment()
    for (const to of ['assigned', 'picked_up', 'in_transit']) await step(shipment.id, to)
    await reportDriverPosition()
    const [onItsWay] = await eventsOf(shipment.id, EVENT_TYPES.shipmentStatusChanged, 'in_transit')
    expect(await deliver(onItsWay!)).toBe(202)
    const [mail] = sendgrid.sent
    expect(mail!.body.subject).toBe(`Your parcel ${shipment.trackingNumber} is on its way`)
    const link = `${PUBLIC_URL}/track/${shipment.trackingNumber}`
    expect(textOf(mail!)).toContain(link)
    expect(htmlOf(mail!)).toContain(`href="${link}"`)
    expect(textOf(mail!)).toMatch(/Expected .*\d\d:\d\d.*\(Lisbon time\)\./)
  })

  it('tells of the delivery, and of a failure with its reason', async () => {
    const delivered = await createShipment()
    const failed = await createShipment()
    for (const to of ['assigned', 'picked_up', 'in_transit']) {
      await step(delivered.id, to)
      await step(failed.id, to)
    }
    await step(delivered.id, 'delivered')
    await step(failed.id, 'failed', { reason: 'Nobody home <3' })
    const [done] = await eventsOf(delivered.id, EVENT_TYPES.shipmentStatusChanged, 'delivered')
    const [refused] = await eventsOf(failed.id, EVENT_TYPES.shipmentStatusChanged, 'failed')
    expect(await deliver(done!)).toBe(202)
    expect(await deliver(refused!)).toBe(202)
    expect(sendgrid.sent.map((mail) => mail.body.subject)).toEqual([
      `Your parcel ${delivered.trackingNumber} has been delivered`,
      `Your parcel ${failed.trackingNumber} could not be delivered`,
    ])
    expect(textOf(sendgrid.sent[1]!)).toContain('Reason: Nobody home <3')
    expect(htmlOf(sendgrid.sent[1]!)).toContain('Reason: Nobody home &lt;3')
  })

  it('tells the receiver their delivery slot moved, by the shop clock, and nothing for other edits', async () => {
    const shipment = await createShipment()
    const edit = async (body: object) => {
      const read = await api.request('GET', `/api/shipments/${shipment.id}`, {
        token: dispatcher.token,
      })
      const reply = await api.request('PATCH', `/api/shipments/${shipment.id}`, {
        token: dispatcher.token,
        headers: { 'if-match': read.headers.get('etag')! },
        body,
      })
      expect(reply.status, JSON.stringify(reply.body)).toBe(200)
    }
    await edit({ notes: 'Ring twice' })
    await edit({ deliveryWindow: { from: '2026-07-14T13:00:00Z', to: '2026-07-14T15:00:00Z' } })
    for (const event of await eventsOf(shipment.id, EVENT_TYPES.shipmentEdited)) {
      expect(await deliver(event)).toBe(202)
    }
    expect(sendgrid.sent).toHaveLength(1)
    const [mail] = sendgrid.sent
    expect(mail!.body.subject).toBe(
      `Your parcel ${shipment.trackingNumber} has a new delivery slot`,
    )
    expect(textOf(mail!)).toContain('Tue 14 Jul, 14:00–16:00 (Lisbon time)')
  })

  it('sends nothing for a pick-up or a new shipment', async () => {
    const shipment = await createShipment()
    await step(shipment.id, 'assigned')
    await step(shipment.id, 'picked_up')
    for (const event of [
      ...(await eventsOf(shipment.id, EVENT_TYPES.shipmentCreated)),
      ...(await eventsOf(shipment.id, EVENT_TYPES.shipmentStatusChanged)),
    ]) {
      expect(await deliver(event)).toBe(202)
    }
    expect(sendgrid.sent).toEqual([])
  })

  it('sends one email, tagged with the event, for an event the broker delivers again', async () => {
    const shipment = await createShipment()
    await step(shipment.id, 'assigned')
    const [assigned] = await eventsOf(shipment.id, EVENT_TYPES.shipmentAssigned)
    expect(await deliver(assigned!)).toBe(202)
    expect(await deliver(assigned!)).toBe(202)
    expect(sendgrid.sent).toHaveLength(1)
    expect(sendgrid.sent[0]!.body.custom_args).toEqual({
      dropmate_event_id: assigned!.id,
      dropmate_event_source: assigned!.source,
    })
  })

  it('answers 409 to a delivery that comes while the email is with SendGrid, and sends once', async () => {
    const shipment = await createShipment()
    await step(shipment.id, 'assigned')
    const [assigned] = await eventsOf(shipment.id, EVENT_TYPES.shipmentAssigned)
    let secondAnswered = () => {}
    const answered = new Promise<void>((resolve) => (secondAnswered = resolve))
    // SendGrid holds its answer until the second delivery is answered (3 s at most).
    sendgrid.beforeAnswering(() => Promise.race([answered, sleep(3_000)]))
    const first = deliver(assigned!)
    await until(() => sendgrid.sent.length === 1)

    const second = await deliver(assigned!)
    secondAnswered()

    expect(second).toBe(409)
    expect(await first).toBe(202)
    expect(await deliver(assigned!)).toBe(202)
    expect(sendgrid.sent).toHaveLength(1)
  })

  it.runIf(process.env.DATABASE_URL)(
    'sends one email when the database drops its connections while SendGrid answers',
    async () => {
      const shipment = await createShipment()
      await step(shipment.id, 'assigned')
      const [assigned] = await eventsOf(shipment.id, EVENT_TYPES.shipmentAssigned)
      // As a managed PostgreSQL or its pooler ends a session left idle in a transaction.
      sendgrid.beforeAnswering(async () => {
        await api.db.sql`
          select pg_terminate_backend(pid)
          from pg_stat_activity
          where datname = current_database()
            and state like 'idle in transaction%'
        `
      })

      const first = await deliver(assigned!)
      sendgrid.beforeAnswering(async () => {})
      const again = await deliver(assigned!)

      expect(sendgrid.sent).toHaveLength(1)
      expect([first, again]).toEqual([202, 202])
    },
  )

  it('sends one email for an event the broker holds twice, both delivered at once', async () => {
    const shipment = await createShipment()
    await step(shipment.id, 'assigned')
    const [assigned] = await eventsOf(shipment.id, EVENT_TYPES.shipmentAssigned)
    sendgrid.beforeAnswering(() => sleep(300))
    const transport = createMemoryTransport()
    const [notify] = parseTriggers(
      `apiVersion: eventing.knative.dev/v1
kind: Trigger
metadata: { name: notify }
spec:
  broker: default
  subscriber: { uri: '${api.url}/notify/events' }
  delivery: { retry: 5, backoffPolicy: linear, backoffDelay: PT0.2S }
`,
      'notify.yaml',
    )
    await transport.ensureGroup('notify')
    const broker = startDispatcher({ transport, triggers: [notify!], resolveRef: () => '' })
    try {
      // The outbox relay published it twice, as it may after a crash before marking it.
      await transport.append([encodeEvent(assigned!), encodeEvent(assigned!)])

      await until(() => broker.stats().notify!.delivered === 2, 15_000)

      expect(sendgrid.sent).toHaveLength(1)
      expect(broker.stats().notify!.deadLettered).toBe(0)
    } finally {
      await broker.stop()
      await transport.close()
    }
  })

  it('sends nothing when the shipment has no receiver email', async () => {
    const shipment = await createShipment(null)
    await step(shipment.id, 'assigned')
    const [assigned] = await eventsOf(shipment.id, EVENT_TYPES.shipmentAssigned)
    expect(await deliver(assigned!)).toBe(202)
    expect(sendgrid.sent).toEqual([])
  })

  it('sends nothing more once the receiver unsubscribed', async () => {
    const shipment = await createShipment()
    const path = `/api/shipments/track/${shipment.trackingNumber}/unsubscribe`
    const page = await api.request('GET', path)
    expect(page.status).toBe(200)
    expect(page.body).toContain('<form method="post">')
    const reply = await api.request('POST', path)
    expect(reply).toMatchObject({ status: 200, body: { unsubscribed: true } })
    expect((await api.request('POST', path)).status).toBe(200)
    await step(shipment.id, 'assigned')
    const [assigned] = await eventsOf(shipment.id, EVENT_TYPES.shipmentAssigned)
    expect(await deliver(assigned!)).toBe(202)
    expect(sendgrid.sent).toEqual([])
  })

  it('answers 404 to unsubscribing an unknown tracking number', async () => {
    const reply = await api.request('POST', '/api/shipments/track/DM-NOPE-NOPE/unsubscribe')
    expect(reply.status).toBe(404)
    expect(reply.body.code).toBe('tracking_number_not_found')
  })

  it('answers 5xx when SendGrid fails, so the broker retries and the retry sends it', async () => {
    const shipment = await createShipment()
    await step(shipment.id, 'assigned')
    const [assigned] = await eventsOf(shipment.id, EVENT_TYPES.shipmentAssigned)
    sendgrid.answer(503)
    expect(await deliver(assigned!)).toBe(502)
    const marked = await api.db.sql`
      select 1 from processed_events where event_id = ${assigned!.id} and done_at is not null
    `
    expect(marked).toHaveLength(0)
    sendgrid.answer(202)
    expect(await deliver(assigned!)).toBe(202)
    expect(sendgrid.sent).toHaveLength(1)
  })

  it('refuses shipment events whose data it cannot read, without a retry', async () => {
    const shipment = await createShipment()
    const [created] = await eventsOf(shipment.id, EVENT_TYPES.shipmentCreated)
    const broken = created!.cloneWith({ type: EVENT_TYPES.shipmentAssigned, data: { nope: 1 } })
    expect(await deliver(broken)).toBe(400)
  })
})

describe('texts to receivers (SMS through Twilio)', () => {
  async function onItsWay(email: string | null, phone: string) {
    const shipment = await createShipment(email, phone)
    for (const to of ['assigned', 'picked_up', 'in_transit']) await step(shipment.id, to)
    const [event] = await eventsOf(shipment.id, EVENT_TYPES.shipmentStatusChanged, 'in_transit')
    return { shipment, event: event! }
  }

  it('texts that the parcel is on its way, to the number in E.164, once per event', async () => {
    await reportDriverPosition()
    const { shipment, event } = await onItsWay(null, '912 345 678')
    expect(await deliver(event)).toBe(202)
    expect(await deliver(event)).toBe(202)
    expect(twilio.sent).toHaveLength(1)
    const [text] = twilio.sent
    expect(text).toMatchObject({
      accountSid: TWILIO_ACCOUNT_SID,
      credentials: `${TWILIO_ACCOUNT_SID}:twilio-test-token`,
      to: '+351912345678',
      from: '+351300000001',
    })
    expect(text!.body).toContain(
      `Bruno is on the way to you with parcel ${shipment.trackingNumber}.`,
    )
    expect(text!.body).toContain(`Track: ${PUBLIC_URL}/track/${shipment.trackingNumber}`)
    expect(text!.body).toContain(
      `Stop texts: ${PUBLIC_URL}/api/shipments/track/${shipment.trackingNumber}/unsubscribe`,
    )
    // GSM-7 only: a text in it is 160 characters a part, in UCS-2 70.
    expect(text!.body).toMatch(/^[\x20-\x7e\n]*$/)
  })

  it('texts only the notices the shop texts (SMS_NOTICES), and emails them all', async () => {
    const shipment = await createShipment('rita.sousa@example.com', '912 345 678')
    await step(shipment.id, 'assigned')
    const [assigned] = await eventsOf(shipment.id, EVENT_TYPES.shipmentAssigned)
    expect(await deliver(assigned!)).toBe(202)
    expect(sendgrid.sent).toHaveLength(1)
    expect(twilio.sent).toEqual([])
  })

  it('sends a text Twilio could not take on the retry, without a second email', async () => {
    const { event } = await onItsWay('rita.sousa@example.com', '+351 912 345 678')
    twilio.answer(503)
    expect(await deliver(event)).toBe(502)
    expect(sendgrid.sent).toHaveLength(1)
    twilio.answer(201)
    expect(await deliver(event)).toBe(202)
    expect(sendgrid.sent).toHaveLength(1)
    expect(twilio.sent.map((text) => text.to)).toEqual(['+351912345678'])
  })

  it('does not retry a number Twilio refuses, nor text one that is no number', async () => {
    const refused = await onItsWay(null, '912 345 678')
    twilio.answer(400)
    expect(await deliver(refused.event)).toBe(202)
    expect(await deliver(refused.event)).toBe(202)
    expect(twilio.received).toBe(1)
    // Eight digits: shaped like a number, but no Portuguese one.
    const garbled = await onItsWay(null, '1234 5678')
    expect(await deliver(garbled.event)).toBe(202)
    expect(twilio.received).toBe(1)
  })

  it('sends no text once the receiver stopped the messages', async () => {
    const shipment = await createShipment(null, '912 345 678')
    const path = `/api/shipments/track/${shipment.trackingNumber}/unsubscribe`
    expect((await api.request('POST', path)).status).toBe(200)
    for (const to of ['assigned', 'picked_up', 'in_transit']) await step(shipment.id, to)
    const [event] = await eventsOf(shipment.id, EVENT_TYPES.shipmentStatusChanged, 'in_transit')
    expect(await deliver(event!)).toBe(202)
    expect(twilio.received).toBe(0)
  })
})

describe.runIf(process.env.REDIS_URL)('emails through a broker whose dispatcher dies', () => {
  it('go to every receiver exactly once when a dispatcher is killed mid-delivery', async () => {
    const { redis, cleanup } = createTestRedis(process.env.REDIS_URL!)
    const transport = createRedisTransport({ redis })
    const dispatcherOf = () =>
      startDispatcherProcess({
        redisUrl: process.env.REDIS_URL!,
        keyPrefix: redis.options.keyPrefix!,
        trigger: 'notify',
        subscriberUrl: `${api.url}/notify/events`,
      })
    const first = await dispatcherOf()
    let second: Awaited<ReturnType<typeof dispatcherOf>> | undefined
    try {
      const events = []
      for (let i = 0; i < 6; i++) {
        const shipment = await createShipment(`receiver-${i}@example.com`)
        await step(shipment.id, 'assigned')
        events.push(...(await eventsOf(shipment.id, EVENT_TYPES.shipmentAssigned)))
      }
      // SendGrid answers only once the first dispatcher is dead, with deliveries in hand.
      let killed = () => {}
      const dead = new Promise<void>((resolve) => (killed = resolve))
      sendgrid.beforeAnswering(() => Promise.race([dead, sleep(20_000)]))

      await transport.append(events.map((event) => encodeEvent(event)))
      await until(() => sendgrid.sent.length > 0, 10_000)
      second = await dispatcherOf()
      await first.kill()
      killed()

      await until(() => sendgrid.sent.length >= events.length, 30_000)
      const settled = async () =>
        (await transport.lag('notify')) === 0 && (await transport.pendingCount('notify')) === 0
      for (let tries = 0; !(await settled()) && tries < 300; tries++) await sleep(100)

      expect(await settled()).toBe(true)
      const emailed = sendgrid.sent.map((mail) => mail.body.custom_args!.dropmate_event_id)
      expect(emailed.toSorted()).toEqual(events.map((event) => event.id).toSorted())
      expect(await transport.deadLetterCount()).toBe(0)
    } finally {
      await Promise.all([first.kill(), second?.kill()])
      await transport.close()
      await cleanup()
    }
  }, 60_000)
})

describe('the nearly-there email', () => {
  it('tells the receiver once, with the tracking link, however often the driver is seen', async () => {
    const courier = await onDuty('Inês Sá')
    const shipment = await createShipment()
    for (const to of ['assigned', 'picked_up', 'in_transit']) {
      await step(shipment.id, to, { by: courier })
    }
    await untilCarrying(api, courier, [shipment.id])
    await reportPosition(api, courier, AT_THE_DOOR)
    await reportPosition(api, courier, AT_THE_DOOR)
    for (const event of await eventsOf(shipment.id, EVENT_TYPES.shipmentArriving)) {
      // The one that comes while the other sends is told to come again (409).
      const statuses = await Promise.all([deliver(event), deliver(event)])
      expect(statuses).toContain(202)
      expect(statuses.every((status) => status === 202 || status === 409)).toBe(true)
      expect(await deliver(event)).toBe(202)
    }
    expect(sendgrid.sent).toHaveLength(1)
    const [mail] = sendgrid.sent
    expect(mail!.body.subject).toBe(`Your parcel ${shipment.trackingNumber} is nearly there`)
    expect(textOf(mail!)).toContain(
      `Inês is nearly at your door with parcel ${shipment.trackingNumber}.`,
    )
    expect(textOf(mail!)).toMatch(/Close by since \d\d:\d\d \(Lisbon time\)\./)
    const link = `${PUBLIC_URL}/track/${shipment.trackingNumber}`
    expect(textOf(mail!)).toContain(link)
    expect(htmlOf(mail!)).toContain(`href="${link}"`)
  })

  it('is not sent about a parcel whose emails the receiver stopped', async () => {
    const courier = await onDuty('Inês Sá')
    const stopped = await createShipment('rita.sousa@example.com')
    const wanted = await createShipment('joana.reis@example.com')
    for (const to of ['assigned', 'picked_up', 'in_transit']) {
      await step(stopped.id, to, { by: courier })
      await step(wanted.id, to, { by: courier })
    }
    const unsubscribe = `/api/shipments/track/${stopped.trackingNumber}/unsubscribe`
    expect((await api.request('POST', unsubscribe)).status).toBe(200)
    await untilCarrying(api, courier, [stopped.id, wanted.id])
    await reportPosition(api, courier, AT_THE_DOOR)
    for (const shipment of [stopped, wanted]) {
      const [arriving] = await eventsOf(shipment.id, EVENT_TYPES.shipmentArriving)
      expect(await deliver(arriving!)).toBe(202)
    }
    expect(sendgrid.sent.map((mail) => mail.body.personalizations[0]!.to)).toEqual([
      [{ email: 'joana.reis@example.com' }],
    ])
  })

  it('is not sent once the parcel was delivered, when the event comes late', async () => {
    const courier = await onDuty('Inês Sá')
    const shipment = await createShipment()
    for (const to of ['assigned', 'picked_up', 'in_transit']) {
      await step(shipment.id, to, { by: courier })
    }
    await untilCarrying(api, courier, [shipment.id])
    await reportPosition(api, courier, AT_THE_DOOR)
    await step(shipment.id, 'delivered', { by: courier })
    const [arriving] = await eventsOf(shipment.id, EVENT_TYPES.shipmentArriving)
    expect(await deliver(arriving!)).toBe(202)
    expect(sendgrid.sent).toEqual([])
  })
})

/** The driver's phone reports a position a few hundred metres from the door. */
function reportDriverPosition() {
  return reportPosition(api, driver, { lat: 38.7125, lng: -9.1333, speedMps: 5 })
}

/** On the receiver's step in Alfama, within reach of the door. */
const AT_THE_DOOR = { lat: 38.7118, lng: -9.1305 }
