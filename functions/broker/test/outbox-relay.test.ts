import { EVENT_TYPES } from '@dropmate/contracts/event-types'
import { enqueueEvent, observeQueries } from '@dropmate/db'
import {
  createMigratedTestDatabase,
  redisServerInstalled,
  startPrivateRedis,
  type TestDatabase,
} from '@dropmate/db/testing'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decodeEvent } from '@dropmate/events'
import { createMemoryTransport } from '@dropmate/events'
import { startOutboxRelay } from '../src/outbox-relay'
import { createRedisTransport } from '@dropmate/events'

let db: TestDatabase

beforeAll(async () => {
  db = await createMigratedTestDatabase()
})

afterAll(() => db.drop())

const write = (n: number, subject = crypto.randomUUID()) =>
  db.sql.begin(async (tx) => {
    const ids = []
    for (let i = 0; i < n; i++) {
      ids.push(
        await enqueueEvent(tx, {
          type: EVENT_TYPES.shipmentStatusChanged,
          source: '/functions/test',
          subject,
          data: { i },
          extensions: { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' },
        }),
      )
    }
    return ids
  })

const held = async () =>
  (
    await db.sql`select count(*)::int as n from outbox where published_at is null and held_at is not null`
  )[0]!.n as number

const unpublished = async () =>
  (await db.sql`select count(*)::int as n from outbox where published_at is null`)[0]!.n as number

describe('the outbox relay', () => {
  it('publishes committed events in order, as CloudEvents with the outbox ids, once', async () => {
    const transport = createMemoryTransport()
    await transport.ensureGroup('all')
    const ids = await write(5)
    const relay = startOutboxRelay({ sql: db.sql, transport, idleMs: 20 })
    try {
      await until(async () => (await held()) === 5)
      const entries = await transport.readNew('all', 'test', 100, 0)
      for (const entry of entries) await transport.ack('all', entry.id)
      await until(async () => (await unpublished()) === 0)
      const events = entries.map((entry) => decodeEvent(entry.event))
      expect(events.map((event) => event.id)).toEqual(ids)
      expect(events[0]).toMatchObject({
        type: EVENT_TYPES.shipmentStatusChanged,
        source: '/functions/test',
        datacontenttype: 'application/json',
        data: { i: 0 },
        traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
      })
      await relay.drain()
      expect(await transport.readNew('all', 'test', 100, 0)).toEqual([])
    } finally {
      await relay.stop()
    }
  })

  it('keeps an event a memory log took until every group acknowledged it, and hands it over again after a restart', async () => {
    const lost = createMemoryTransport()
    await lost.ensureGroup('email')
    await lost.ensureGroup('dashboard')
    const [id] = await write(1)
    const relay = startOutboxRelay({ sql: db.sql, transport: lost, idleMs: 20 })
    const [entry] = await lost.readNew('email', 'test', 1, 5_000)
    await lost.ack('email', entry!.id)
    await relay.stop()
    // The process dies with the dashboard's delivery outstanding.
    expect(await unpublished()).toBe(1)

    const fresh = createMemoryTransport()
    await fresh.ensureGroup('email')
    await fresh.ensureGroup('dashboard')
    const again = startOutboxRelay({ sql: db.sql, transport: fresh, idleMs: 20 })
    try {
      const [redelivered] = await fresh.readNew('dashboard', 'test', 1, 5_000)
      expect(decodeEvent(redelivered!.event).id).toBe(id)
      await fresh.ack('dashboard', redelivered!.id)
      const [duplicate] = await fresh.readNew('email', 'test', 1, 0)
      await fresh.ack('email', duplicate!.id)
      await until(async () => (await unpublished()) === 0)
    } finally {
      await again.stop()
    }
  })

  it('keeps events in the outbox while the broker is unreachable, with backoff', async () => {
    const unreachable = new Redis('redis://127.0.0.1:1', {
      maxRetriesPerRequest: 0,
      lazyConnect: true,
    })
    unreachable.on('error', () => {}) // expected: nothing listens there
    const transport = createRedisTransport({ redis: unreachable })
    const ids = await write(3)
    const relay = startOutboxRelay({ sql: db.sql, transport, idleMs: 20 })
    try {
      await until(async () => {
        const rows = await db.sql`select attempts from outbox where id in ${db.sql(ids)}`
        return rows.every((row) => row.attempts >= 1)
      })
      const rows = await db.sql`
        select published_at, next_attempt_at > now() as later, last_error
        from outbox where id in ${db.sql(ids)}
      `
      for (const row of rows) {
        expect(row).toMatchObject({ publishedAt: null, later: true, lastError: expect.any(String) })
      }
    } finally {
      await relay.stop()
      unreachable.disconnect()
      await db.sql`update outbox set published_at = now() where id in ${db.sql(ids)}`
    }
  })
})

describe('the outbox relay at rest', () => {
  it('looks less and less often while nothing comes, and again at once when this process queues an event', async () => {
    const transport = createMemoryTransport()
    await transport.ensureGroup('at-rest')
    let looks = 0
    observeQueries(db.sql, ({ summary }) => {
      if (summary === 'SELECT outbox') looks += 1
      return undefined
    })
    const relay = startOutboxRelay({ sql: db.sql, transport, idleMs: 20, quietMs: 10_000 })
    try {
      await new Promise((resolve) => setTimeout(resolve, 3_000))
      // 20, 40, 80 ms … apart: about 8 looks in 3 s, where a look every 20 ms made 150.
      expect(looks).toBeLessThan(15)
      // The next look is seconds away; the event must not wait for it.
      const queuedAt = performance.now()
      const [id] = await write(1)
      await until(async () => (await transport.readNew('at-rest', 'test', 10, 0)).length > 0)
      expect(performance.now() - queuedAt).toBeLessThan(1_500)
      await relay.drain()
      expect(
        await db.sql`select id from outbox where id = ${id!} and held_at is not null`,
      ).toHaveLength(1)
    } finally {
      observeQueries(db.sql, undefined)
      await relay.stop()
    }
  })

  it('still publishes, within its longest wait, what another process queued', async () => {
    const transport = createMemoryTransport()
    await transport.ensureGroup('elsewhere')
    const relay = startOutboxRelay({ sql: db.sql, transport, idleMs: 20, quietMs: 500 })
    try {
      await new Promise((resolve) => setTimeout(resolve, 1_500))
      // As another process writes it: this one hears nothing of it.
      const [row] = await db.sql<{ id: string }[]>`
        insert into outbox (type, source, data, extensions)
        values (${EVENT_TYPES.shipmentStatusChanged}, '/functions/elsewhere', '{}', '{}')
        returning id
      `
      const read = async () => (await transport.readNew('elsewhere', 'test', 10, 0)).map(eventId)
      await until(async () => (await read()).includes(row!.id), 3_000)
    } finally {
      await relay.stop()
      await db.sql`update outbox set published_at = now() where published_at is null`
    }
  })
})

describe.runIf(redisServerInstalled)('the outbox relay across a Redis restart', () => {
  it('delivers every event written before, during and after the outage', async () => {
    const server = await startPrivateRedis()
    const redis = new Redis(server.url, { maxRetriesPerRequest: 1, retryStrategy: () => 100 })
    redis.on('error', () => {}) // expected while the server is down
    const transport = createRedisTransport({ redis })
    await transport.ensureGroup('all')
    const relay = startOutboxRelay({ sql: db.sql, transport, idleMs: 20, maxRetryDelaySeconds: 1 })
    try {
      const before = await write(10)
      await until(async () => (await unpublished()) === 0)
      await server.crash()
      const during = await write(10)
      await new Promise((resolve) => setTimeout(resolve, 300))
      expect(await unpublished()).toBe(10)
      await server.restart()
      const after = await write(10)
      await until(async () => (await unpublished()) === 0, 15_000)

      const seen: string[] = []
      for (;;) {
        const entries = await transport.readNew('all', 'test', 100, 0)
        if (entries.length === 0) break
        seen.push(...entries.map((entry) => decodeEvent(entry.event).id))
      }
      expect(new Set(seen)).toEqual(new Set([...before, ...during, ...after]))
    } finally {
      await relay.stop()
      await transport.close()
      redis.disconnect()
      await server.cleanup()
    }
  })

  it('publishes what waited out a long outage as soon as Redis is back, not when its back-off ends', async () => {
    const server = await startPrivateRedis()
    const redis = new Redis(server.url, { maxRetriesPerRequest: 0, retryStrategy: () => 100 })
    redis.on('error', () => {}) // expected while the server is down
    const transport = createRedisTransport({ redis })
    const relay = startOutboxRelay({ sql: db.sql, transport, idleMs: 20 })
    try {
      await server.crash()
      const during = await write(3)
      await until(async () => {
        const rows = await db.sql`select attempts from outbox where id in ${db.sql(during)}`
        return rows.every((row) => row.attempts >= 1)
      })
      // As after minutes of outage: the back-off has reached its 30 s cap.
      await db.sql`
        update outbox
        set attempts = 10,
          next_attempt_at = now() + interval '30 seconds'
        where id in ${db.sql(during)}
      `
      await server.restart()
      await until(async () => (await unpublished()) === 0, 10_000)
    } finally {
      await relay.stop()
      await transport.close()
      redis.disconnect()
      await server.cleanup()
    }
  })
})

const eventId = (entry: { event: string }) => decodeEvent(entry.event).id

async function until(check: () => Promise<boolean>, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}
