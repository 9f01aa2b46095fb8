import { startTestApi, type SignedIn, type TestApi } from '@dropmate/kit/testing'
import { decodeEvent } from '@dropmate/events'
import { Redis } from 'ioredis'
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ingestLocations, nearbyDrivers } from '../src'

let api: TestApi
let driver: SignedIn
let other: SignedIn
let dispatcher: SignedIn

// Lisbon: Rossio, and points a few hundred metres to a few kilometres away.
const ROSSIO = { lat: 38.7139, lng: -9.1394 }
const CHIADO = { lat: 38.7106, lng: -9.1421 }
const BELEM = { lat: 38.6916, lng: -9.216 }

beforeAll(async () => {
  api = await startTestApi((deps) => [nearbyDrivers.app(deps), ingestLocations.app(deps)])
  driver = await api.signIn('driver', { name: 'João Silva' })
  other = await api.signIn('driver', { name: 'Ana Rodrigues' })
  dispatcher = await api.signIn('dispatcher')
  await api.db.sql`update drivers set duty_status = 'available'`
  // What the realtime gateways read: every position announced.
  const follower = api.deps.positions.follow((events) => announced.push(...events))
  await follower.ready
})

afterAll(() => api.close())
const announced: string[] = []

const ago = (ms: number) => new Date(Date.now() - ms).toISOString()

function ping(who: SignedIn, at: { lat: number; lng: number }, time = ago(0), extra: object = {}) {
  return {
    specversion: '1.0',
    id: randomUUID() as string,
    source: '/drivers/phone',
    type: 'com.dropmate.driver.location.v1',
    subject: who.driverId,
    time,
    datacontenttype: 'application/json',
    data: { lat: at.lat, lng: at.lng, accuracyM: 8, speedMps: 4.2, headingDeg: 90, ...extra },
  }
}

function sendBinary(who: SignedIn, event: ReturnType<typeof ping>) {
  const { data, datacontenttype, ...attributes } = event
  const headers = Object.fromEntries(
    Object.entries(attributes).map(([k, v]) => [`ce-${k}`, String(v)]),
  )
  return api.request('POST', '/api/locations', {
    token: who.token,
    body: JSON.stringify(data),
    headers: { ...headers, 'content-type': datacontenttype },
  })
}

const sendBatch = (who: SignedIn, events: unknown[]) =>
  api.request('POST', '/api/locations', {
    token: who.token,
    body: JSON.stringify(events),
    headers: { 'content-type': 'application/cloudevents-batch+json' },
  })

const nearby = (at: { lat: number; lng: number }, query = '') =>
  api.request('GET', `/api/drivers/nearby?lat=${at.lat}&lng=${at.lng}${query}`, {
    token: dispatcher.token,
  })

const historyOf = async (who: SignedIn) => {
  return api.db
    .sql`select lat, lng from driver_locations where driver_id = ${who.driverId} order by recorded_at`
}

describe('POST /api/locations', () => {
  it('takes a binary-mode ping: the driver shows up nearby, in history and on the positions feed', async () => {
    const sent = ping(driver, CHIADO)
    const reply = await sendBinary(driver, sent)
    expect(reply.status).toBe(202)
    expect(reply.body).toEqual({ accepted: 1, latest: 1 })

    const found = await nearby(ROSSIO)
    expect(found.body.items[0]).toMatchObject({
      driverId: driver.driverId,
      name: 'João Silva',
      lat: CHIADO.lat,
    })
    expect(found.body.items[0].distanceM).toBeGreaterThan(400)
    expect(found.body.items[0].distanceM).toBeLessThan(500)
    expect(await historyOf(driver)).toEqual([{ lat: CHIADO.lat, lng: CHIADO.lng }])

    await expect.poll(() => announced.length).toBe(1)
    expect(decodeEvent(announced[0]!)).toMatchObject({
      id: sent.id,
      type: 'com.dropmate.driver.location.v1',
      source: '/functions/ingest-locations',
      subject: driver.driverId,
      data: { lat: CHIADO.lat, lng: CHIADO.lng, speedMps: 4.2 },
    })
  })

  it('takes a batch after a dead zone, keeping the newest as latest and all as history', async () => {
    const batch = [
      ping(other, ROSSIO, ago(60_000)),
      ping(other, BELEM, ago(20_000)),
      ping(other, CHIADO, ago(40_000)),
    ]
    const reply = await sendBatch(other, batch)
    expect(reply.body).toEqual({ accepted: 3, latest: 3 })
    const near = await nearby(BELEM, '&radius=1000')
    expect(near.body.items.map((d: { driverId: string }) => d.driverId)).toEqual([other.driverId])
    expect(await historyOf(other)).toHaveLength(3)
  })

  it('never moves a driver backwards for a ping that arrives late', async () => {
    await sendBinary(driver, ping(driver, BELEM, ago(0)))
    const late = await sendBinary(driver, ping(driver, ROSSIO, ago(5_000)))
    expect(late.body).toEqual({ accepted: 1, latest: 0 })
    const near = await nearby(BELEM, '&radius=1000')
    expect(near.body.items.map((d: { driverId: string }) => d.driverId)).toContain(driver.driverId)
  })

  it('stores a retried request once', async () => {
    const sent = ping(driver, CHIADO)
    await sendBinary(driver, sent)
    await sendBinary(driver, sent)
    const rows = await api.db
      .sql`select count(*)::int as n from driver_locations where event_id = ${sent.id}`
    expect(rows[0]!.n).toBe(1)
  })

  it.each([
    [
      'a latitude off the globe',
      (e: ReturnType<typeof ping>) => ({ ...e, data: { ...e.data, lat: 91 } }),
      400,
      'invalid_ping',
    ],
    [
      'a heading of 360',
      (e: ReturnType<typeof ping>) => ({ ...e, data: { ...e.data, headingDeg: 360 } }),
      400,
      'invalid_ping',
    ],
    [
      'a negative speed',
      (e: ReturnType<typeof ping>) => ({ ...e, data: { ...e.data, speedMps: -1 } }),
      400,
      'invalid_ping',
    ],
    [
      'a time in the future',
      (e: ReturnType<typeof ping>) => ({
        ...e,
        time: new Date(Date.now() + 120_000).toISOString(),
      }),
      400,
      'ping_from_the_future',
    ],
    [
      'a time older than history keeps',
      (e: ReturnType<typeof ping>) => ({ ...e, time: ago(40 * 86_400_000) }),
      400,
      'ping_too_old',
    ],
    [
      "another driver's id",
      (e: ReturnType<typeof ping>) => ({ ...e, subject: other.driverId }),
      403,
      'not_your_location',
    ],
    [
      'the wrong event type',
      (e: ReturnType<typeof ping>) => ({ ...e, type: 'com.dropmate.alert.v1' }),
      400,
      'wrong_event_type',
    ],
    ['no id', (e: ReturnType<typeof ping>) => ({ ...e, id: undefined }), 400, 'invalid_cloudevent'],
  ])('refuses %s, storing nothing of the batch', async (_, spoil, status, code) => {
    const before = (await historyOf(driver)).length
    const good = ping(driver, ROSSIO, ago(1_000))
    const reply = await sendBatch(driver, [good, spoil(ping(driver, ROSSIO))])
    expect(reply.status).toBe(status)
    expect(reply.body).toMatchObject({ code })
    expect(await historyOf(driver)).toHaveLength(before)
  })

  it.each([
    ['a latitude left out', { lat: undefined }, 'events[1].data.lat: is required'],
    [
      'a latitude sent as text',
      { lat: '38.7' },
      'events[1].data.lat: Invalid input: expected number, received string',
    ],
    ['an unknown field', { altitude: 80 }, 'events[1].data.altitude: is not a known field'],
  ])('words %s in the detail as a request body would', async (_, change, detail) => {
    const good = ping(driver, ROSSIO, ago(1_000))
    const spoilt = ping(driver, ROSSIO)
    const reply = await sendBatch(driver, [
      good,
      { ...spoilt, data: { ...spoilt.data, ...change } },
    ])
    expect(reply.status).toBe(400)
    expect(reply.body).toMatchObject({ code: 'invalid_ping' })
    expect(reply.body.detail).toContain(detail)
  })

  it('refuses a ping whose id holds a NUL, in any mode, so history never meets it', async () => {
    const nul = { ...ping(driver, BELEM), id: 'ping\u00001' }
    const structured = await api.request('POST', '/api/locations', {
      token: driver.token,
      body: JSON.stringify(nul),
      headers: { 'content-type': 'application/cloudevents+json' },
    })
    const batched = await sendBatch(driver, [nul])
    // Binary mode percent-decodes header values (HTTP binding §3.1.3.2): %00 is a NUL.
    const binary = await sendBinary(driver, { ...nul, id: 'ping%001' })
    for (const reply of [structured, batched, binary]) {
      expect(reply.status).toBe(400)
      expect(reply.body).toMatchObject({ code: 'invalid_cloudevent' })
      expect(reply.body.detail).toContain("attribute 'id' must not hold a NUL character")
    }

    // The pings after it are written to history, none queued behind a row that cannot be.
    const after = ping(driver, CHIADO)
    expect((await sendBinary(driver, after)).status).toBe(202)
    const rows = await api.db
      .sql`select event_id from driver_locations where driver_id = ${driver.driverId} and event_id like 'ping%'`
    expect(rows).toEqual([])
    const written = await api.db
      .sql`select count(*)::int as n from driver_locations where event_id = ${after.id}`
    expect(written[0]!.n).toBe(1)
  })

  it('refuses malformed JSON, an oversize batch and non-drivers', async () => {
    const malformed = await api.request('POST', '/api/locations', {
      token: driver.token,
      body: '[{"specversion": "1.0",',
      headers: { 'content-type': 'application/cloudevents-batch+json' },
    })
    expect(malformed.status).toBe(400)
    const many = Array.from({ length: 501 }, () => ping(driver, ROSSIO, ago(1_000)))
    expect((await sendBatch(driver, many)).status).toBe(413)
    expect((await sendBatch(dispatcher, [ping(dispatcher, ROSSIO)])).status).toBe(403)
    const anonymous = await api.request('POST', '/api/locations', { body: '[]' })
    expect(anonymous.status).toBe(401)
  })
})

describe('GET /api/drivers/nearby', () => {
  it('suggests only available drivers, nearest first, within the radius', async () => {
    await sendBinary(driver, ping(driver, CHIADO))
    await sendBinary(other, ping(other, BELEM))
    const close = await nearby(ROSSIO, '&radius=2000')
    expect(close.body.items.map((d: { driverId: string }) => d.driverId)).toEqual([driver.driverId])
    const wide = await nearby(ROSSIO, '&radius=20000')
    expect(wide.body.items.map((d: { driverId: string }) => d.driverId)).toEqual([
      driver.driverId,
      other.driverId,
    ])
    await api.db.sql`update drivers set duty_status = 'busy' where id = ${driver.driverId}`
    try {
      const busy = await nearby(ROSSIO, '&radius=20000')
      expect(busy.body.items.map((d: { driverId: string }) => d.driverId)).toEqual([other.driverId])
    } finally {
      await api.db.sql`update drivers set duty_status = 'available' where id = ${driver.driverId}`
    }
  })

  it('is for staff, and checks its query', async () => {
    const customer = await api.signIn('customer')
    const asCustomer = await api.request('GET', `/api/drivers/nearby?lat=1&lng=1`, {
      token: customer.token,
    })
    expect(asCustomer.status).toBe(403)
    for (const query of [
      'lat=91&lng=0',
      'lat=0',
      'lat=0&lng=0&radius=-5',
      'lat=x&lng=0',
      // No road lies beyond Web Mercator's latitudes, and Redis GEO refused them (a 500).
      'lat=-90&lng=0',
      // Empty is not zero.
      'lat=&lng=0',
    ]) {
      const reply = await api.request('GET', `/api/drivers/nearby?${query}`, {
        token: dispatcher.token,
      })
      expect(reply.status, query).toBe(400)
    }
  })
})

describe.runIf(process.env.REDIS_URL)('with Redis', () => {
  it('costs one Redis round trip per ping: stored, averaged and announced in one step', async () => {
    await sendBinary(driver, ping(driver, ROSSIO))
    const prefix = api.deps.config.REDIS_KEY_PREFIX
    const monitor = await new Redis(process.env.REDIS_URL!).monitor()
    const commands: string[] = []
    // Commands naming this test's keys, but for those of the feed's followers (XREAD).
    monitor.on('monitor', (_time: string, args: string[], source: string) => {
      const ours = args.some((arg) => arg.startsWith(prefix))
      if (ours && source !== 'lua' && !/^xre/i.test(args[0]!)) commands.push(args[0]!)
    })
    try {
      await sendBinary(driver, ping(driver, CHIADO))
      await sendBinary(driver, ping(driver, BELEM))
      await expect.poll(() => announced.length).toBeGreaterThanOrEqual(3)
      expect(commands.map((name) => name.toLowerCase())).toEqual(['evalsha', 'evalsha'])
    } finally {
      monitor.disconnect()
    }
  })
})

describe('with the location store unreachable', () => {
  it('answers 503 so the phone sends again, and stores nothing', async () => {
    const down = await startTestApi((deps) => [ingestLocations.app(deps)], {
      REDIS_URL: 'redis://127.0.0.1:1',
    })
    try {
      const someone = await down.signIn('driver')
      const reply = await down.request('POST', '/api/locations', {
        token: someone.token,
        body: JSON.stringify([ping(someone, ROSSIO)]),
        headers: { 'content-type': 'application/cloudevents-batch+json' },
      })
      expect(reply.status).toBe(503)
      expect(reply.body).toMatchObject({ code: 'location_store_unavailable' })
      expect(reply.headers.get('retry-after')).toBe('1')
      const [rows] = await down.db.sql`select count(*)::int as n from driver_locations`
      expect(rows!.n).toBe(0)
    } finally {
      await down.close()
    }
  })
})
