import {
  createDriver,
  createSql,
  createUser,
  loadMigrations,
  migrate,
  type PingRow,
  type Sql,
} from '@dropmate/db'
import {
  createMigratedTestDatabase,
  postgresServerInstalled,
  startPrivatePostgres,
  type TestDatabase,
} from '@dropmate/db/testing'
import { metrics } from '@dropmate/runtime'
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHistoryWriter } from '../src/locations/history-writer'

/** The pings set aside for this SQLSTATE, as /metrics counts them. */
async function setAside(sqlstate: string): Promise<number> {
  const { values } = await metrics.getSingleMetric('dropmate_ping_history_set_aside_total')!.get()
  return values.find((value) => value.labels.sqlstate === sqlstate)?.value ?? 0
}

async function newDriver(sql: Sql): Promise<string> {
  const user = await createUser(sql, {
    email: `${randomUUID()}@example.com`,
    name: 'Bruno Costa',
    role: 'driver',
  })
  return (await createDriver(sql, { userId: user.id, vehicleType: 'scooter' })).id
}

function ping(driverId: string, eventId: string = randomUUID()): PingRow {
  return {
    driverId,
    lat: 38.7139,
    lng: -9.1394,
    accuracyM: 8,
    speedMps: 4.2,
    headingDeg: 90,
    recordedAt: new Date(),
    eventSource: '/drivers/phone',
    eventId,
  }
}

async function storedIds(sql: Sql, driverId: string): Promise<string[]> {
  const rows = await sql<{ eventId: string }[]>`
    select event_id from driver_locations where driver_id = ${driverId} order by event_id
  `
  return rows.map((row) => row.eventId)
}

async function until(check: () => Promise<boolean>, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

describe('the ping history writer', () => {
  let db: TestDatabase

  beforeAll(async () => {
    db = await createMigratedTestDatabase()
  })

  afterAll(() => db.drop())

  it('sets aside a ping the database refuses, and writes the others and every later one', async () => {
    const setAsideBefore = await setAside('22021')
    const driverId = await newDriver(db.sql)
    const writer = createHistoryWriter(db.sql, { flushEveryMs: 50 })
    try {
      const before = [ping(driverId), ping(driverId)]
      const refused = ping(driverId, 'phone-1\u0000')
      await writer.write([before[0]!, refused, before[1]!])
      const later = [ping(driverId), ping(driverId)]
      await writer.write(later)

      const written = [...before, ...later].map((p) => p.eventId).sort()
      expect(await storedIds(db.sql, driverId)).toEqual(written)
      const [rejected] = await db.sql<{ ping: string; sqlstate: string; reason: string }[]>`
        select ping, sqlstate, reason from rejected_pings
      `
      expect(rejected).toMatchObject({ sqlstate: '22021', reason: expect.stringMatching(/0x00/) })
      expect(JSON.parse(rejected!.ping)).toMatchObject({ driverId, eventId: 'phone-1\u0000' })
      expect(await setAside('22021')).toBe(setAsideBefore + 1)
      expect(writer.queued()).toBe(0)
    } finally {
      await writer.close()
    }
  })

  it('answers a write once its pings are in the history, sharing the write with others', async () => {
    const driverId = await newDriver(db.sql)
    const writer = createHistoryWriter(db.sql, { flushEveryMs: 60_000 })
    try {
      const pings = Array.from({ length: 10 }, () => ping(driverId))
      await Promise.all(pings.map((p) => writer.write([p])))
      expect(await storedIds(db.sql, driverId)).toEqual(pings.map((p) => p.eventId).sort())
    } finally {
      await writer.close()
    }
  })

  it('sets aside the pings of a driver deleted meanwhile', async () => {
    const gone = await newDriver(db.sql)
    const kept = await newDriver(db.sql)
    const writer = createHistoryWriter(db.sql)
    try {
      await db.sql`delete from drivers where id = ${gone}`
      await writer.write([ping(kept), ping(gone), ping(kept)])
      expect(await storedIds(db.sql, kept)).toHaveLength(2)
      const reasons =
        await db.sql`select sqlstate from rejected_pings where ping like ${`%${gone}%`}`
      expect(reasons).toEqual([{ sqlstate: '23503' }])
    } finally {
      await writer.close()
    }
  })
})

describe.runIf(postgresServerInstalled)('the ping history writer across a PostgreSQL crash', () => {
  it('refuses a write while PostgreSQL is away, and writes every ping once it is back, once', async () => {
    const server = await startPrivatePostgres()
    const sql = createSql({ url: server.url, poolMax: 2, prepare: true })
    const writer = createHistoryWriter(sql, { flushEveryMs: 50 })
    try {
      await migrate(sql, await loadMigrations())
      const driverId = await newDriver(sql)
      const before = [ping(driverId), ping(driverId)]
      await writer.write(before)
      await server.stopImmediately()
      const during = [ping(driverId), ping(driverId)]
      await expect(writer.write(during)).rejects.toThrow()
      expect(writer.queued()).toBe(2)
      await server.restart()
      const after = [ping(driverId)]
      await until(async () => {
        await writer.write(after).catch(() => {})
        return writer.queued() === 0
      })
      const all = [...before, ...during, ...after].map((p) => p.eventId).sort()
      expect(await storedIds(sql, driverId)).toEqual(all)
    } finally {
      await writer.close().catch(() => {})
      await sql.end({ timeout: 1 })
      await server.cleanup()
    }
  }, 60_000)

  it('says at shutdown how many pings it could not write, instead of dropping them silently', async () => {
    const server = await startPrivatePostgres()
    const sql = createSql({ url: server.url, poolMax: 2, prepare: true })
    const writer = createHistoryWriter(sql, { closeTimeoutMs: 500 })
    try {
      await migrate(sql, await loadMigrations())
      const driverId = await newDriver(sql)
      await server.stopImmediately()
      await expect(writer.write([ping(driverId), ping(driverId), ping(driverId)])).rejects.toThrow()
      await expect(writer.close()).rejects.toThrow('3 accepted pings never reached the history')
    } finally {
      await sql.end({ timeout: 1 })
      await server.cleanup()
    }
  }, 60_000)
})
