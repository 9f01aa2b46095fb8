import { createApiDeps, createShell } from '@dropmate/kit'
import { requestAt, withinOneMinute, type TestApi } from '@dropmate/kit/testing'
import { redisServerInstalled, startPrivateRedis, type PrivateRedis } from '@dropmate/db/testing'
import { serve } from '@dropmate/runtime'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as shipments from '../src'
import { startShipmentsApi } from './support'

/**
 * The public tracking lookup served by two replicas that share one PostgreSQL and one Redis,
 * as two pods of track-shipment do. Redis is a server of this file's own: it is crashed, and
 * what it was asked is counted.
 */
let redis: PrivateRedis
let probe: Redis
let stack: Awaited<ReturnType<typeof startShipmentsApi>>
let other: Replica
const closing: Array<() => Promise<void>> = []

interface Replica {
  request: TestApi['request']
  close(): Promise<void>
}

/** Another process's worth of the shipments functions: deps of its own, the same stores. */
async function startReplica(of: TestApi): Promise<Replica> {
  const deps = await createApiDeps(of.deps.config, of.db.sql)
  const apps = shipments.functions.map((fn) => [fn.name, fn.app(deps)] as const)
  const app = createShell(deps, Object.fromEntries(apps))
  const server = await serve({
    fetch: app.fetch,
    port: 0,
    hostname: '127.0.0.1',
    shutdownTimeoutMs: 1_000,
  })
  const replica = {
    request: requestAt(`http://127.0.0.1:${server.port}`),
    async close() {
      await server.shutdown()
      await deps.close()
    },
  }
  closing.push(replica.close)
  return replica
}

async function startPair(env: Record<string, string> = {}) {
  const first = await startShipmentsApi({
    REDIS_URL: redis.url,
    TRACKING_RATE_LIMIT_PER_MINUTE: '1000',
    // Each test speaks from addresses of its own, as a proxy in front would say.
    TRUST_PROXY: 'true',
    ...env,
  })
  closing.push(() => first.api.close())
  return { first, second: await startReplica(first.api) }
}

const trackOn = (on: Pick<Replica, 'request'>, trackingNumber: string, from = '203.0.113.7') =>
  on.request('GET', `/api/shipments/track/${trackingNumber}`, {
    headers: { 'x-forwarded-for': from },
  })

/** How many times Redis ran each command since it started. */
async function commandCounts() {
  const counts: Record<string, number> = {}
  for (const line of (await probe.info('commandstats')).split('\n')) {
    const match = /^cmdstat_([^:]+):calls=(\d+)/.exec(line)
    if (match) counts[match[1]!] = Number(match[2])
  }
  return counts
}

/** Commands Redis ran between `before` and now, leaving out the ones this test asked. */
async function commandsSince(before: Record<string, number>) {
  const after = await commandCounts()
  return Object.entries(after)
    .filter(([name]) => name !== 'info')
    .map(([name, calls]) => ({ name, calls: calls - (before[name] ?? 0) }))
    .filter(({ calls }) => calls > 0)
}

async function until(check: () => Promise<boolean>, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe.runIf(process.env.REDIS_URL && redisServerInstalled)(
  'public tracking on two replicas',
  () => {
    beforeAll(async () => {
      redis = await startPrivateRedis()
      probe = new Redis(redis.url, { maxRetriesPerRequest: 0 })
      probe.on('error', () => {})
      ;({ first: stack, second: other } = await startPair())
    }, 60_000)

    afterAll(async () => {
      for (const close of closing.splice(0).reverse()) await close()
      probe?.disconnect()
      await redis?.cleanup()
    }, 60_000)

    it('shows a change made through one replica in the next lookup on the other', async () => {
      const shipment = await stack.shipmentIn('assigned')
      for (const status of ['picked_up', 'in_transit', 'failed', 'in_transit', 'delivered']) {
        // Both replicas have the view before the change.
        await trackOn(stack.api, shipment.trackingNumber)
        await trackOn(other, shipment.trackingNumber)
        const moved = await stack.move(shipment.id, stack.people.driver, status, {
          reason: 'Nobody home',
        })
        expect(moved.status).toBe(200)
        expect((await trackOn(other, shipment.trackingNumber)).body.status).toBe(status)
        expect((await trackOn(stack.api, shipment.trackingNumber)).body.status).toBe(status)
      }
    })

    it('answers lookups of a parcel that did not change without asking Redis for the view', async () => {
      const shipment = await stack.create()
      await trackOn(other, shipment.trackingNumber)
      const before = await commandCounts()
      for (let i = 0; i < 50; i++) {
        expect((await trackOn(other, shipment.trackingNumber)).status).toBe(200)
      }
      expect((await commandsSince(before)).filter(({ name }) => name === 'mget')).toEqual([])
    })

    it('counts lookups against the address budget in Redis far less often than once per lookup', async () => {
      const shipment = await stack.create()
      await trackOn(other, shipment.trackingNumber, '198.51.100.20')
      const before = await commandCounts()
      for (let i = 0; i < 100; i++) {
        expect((await trackOn(other, shipment.trackingNumber, '198.51.100.20')).status).toBe(200)
      }
      const calls = (await commandsSince(before)).reduce((sum, { calls }) => sum + calls, 0)
      expect(calls).toBeLessThan(25)
    })

    it('holds one address budget across both replicas and answers 429 with Retry-After', async () => {
      const limited = await startPair({ TRACKING_RATE_LIMIT_PER_MINUTE: '10' })
      const from = '198.51.100.30'
      await withinOneMinute(10_000)
      const statuses = async (on: Pick<Replica, 'request'>, n: number) => {
        const replies = []
        for (let i = 0; i < n; i++) replies.push(await trackOn(on, 'DM000000000000', from))
        return replies
      }
      expect((await statuses(limited.first.api, 6)).map((reply) => reply.status)).toEqual([
        404, 404, 404, 404, 404, 404,
      ])
      // Longer than the replicas take to share their counts: the bound is then exact.
      await sleep(600)
      const second = await statuses(limited.second, 6)
      expect(second.map((reply) => reply.status)).toEqual([404, 404, 404, 404, 429, 429])
      expect(second[4]!.body).toMatchObject({ code: 'rate_limited' })
      expect(second[4]!.headers.get('retry-after')).toMatch(/^[1-9]\d*$/)
      await sleep(600)
      const first = await trackOn(limited.first.api, 'DM000000000000', from)
      expect(first.status).toBe(429)
      expect(first.headers.get('retry-after')).toMatch(/^[1-9]\d*$/)
      // Another address has its own budget.
      expect((await trackOn(limited.first.api, 'DM000000000000', '198.51.100.31')).status).toBe(404)
    })

    it('keeps answering from the database through a Redis outage, and after it shows changes made on the other replica at once', async () => {
      const shipment = await stack.shipmentIn('assigned')
      await trackOn(stack.api, shipment.trackingNumber)
      expect((await trackOn(other, shipment.trackingNumber)).body.status).toBe('assigned')
      await redis.crash()
      try {
        const moved = await stack.move(shipment.id, stack.people.driver, 'picked_up')
        expect(moved.status).toBe(200)
        const during = await trackOn(other, shipment.trackingNumber)
        expect(during).toMatchObject({ status: 200, body: { status: 'picked_up' } })
      } finally {
        await redis.restart()
      }
      // Both replicas listen for changes again, and the writer has made the invalidation it
      // held through the outage: until then Redis still holds the view from before it, which
      // the other replica's lookup would be served (Redis keeps its data across the crash).
      const prefix = stack.api.deps.config.REDIS_KEY_PREFIX
      const channel = `${prefix}track:invalidated`
      await until(async () => {
        const [, listeners] = (await probe.pubsub('NUMSUB', channel)) as [string, number]
        return listeners >= 2
      })
      await until(
        async () => (await probe.exists(`${prefix}track:view:${shipment.trackingNumber}`)) === 0,
      )
      expect((await trackOn(other, shipment.trackingNumber)).body.status).toBe('picked_up')
      const moved = await stack.move(shipment.id, stack.people.driver, 'in_transit')
      expect(moved.status).toBe(200)
      expect((await trackOn(other, shipment.trackingNumber)).body.status).toBe('in_transit')
    }, 60_000)
  },
)

describe('public tracking without Redis', () => {
  let alone: Awaited<ReturnType<typeof startShipmentsApi>>
  beforeAll(async () => {
    alone = await startShipmentsApi({ REDIS_URL: '', TRACKING_RATE_LIMIT_PER_MINUTE: '1000' })
  }, 60_000)
  afterAll(() => alone?.api.close())

  it('answers a parcel that did not change from memory, and a change at once', async () => {
    const shipment = await alone.create()
    const area = async () =>
      (await trackOn(alone.api, shipment.trackingNumber)).body.destination.area
    expect(await area()).toBe('Alfama, Lisboa')
    // Behind the API's back, as no writer does: only a lookup that reads the database sees it.
    await alone.api.db.sql`
      update shipments
      set receiver_address = 'Rua de Belém 1, Belém, Lisboa'
      where id = ${shipment.id}
    `
    expect(await area()).toBe('Alfama, Lisboa')
    const assigned = await alone.api.request('POST', `/api/shipments/${shipment.id}/assign`, {
      token: alone.people.dispatcher.token,
      body: { driverId: alone.people.driver.driverId },
    })
    expect(assigned.status).toBe(200)
    expect((await trackOn(alone.api, shipment.trackingNumber)).body).toMatchObject({
      status: 'assigned',
      destination: { area: 'Belém, Lisboa' },
    })
  })
})
