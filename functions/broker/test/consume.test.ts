import { loadMigrations, migrate, type Queryable } from '@dropmate/db'
import { createTestDatabase, type TestDatabase } from '@dropmate/db/testing'
import { CloudEvent } from 'cloudevents'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { processOnce } from '../src/consume'

let db: TestDatabase

beforeAll(async () => {
  db = await createTestDatabase()
  await migrate(db.sql, await loadMigrations())
  // Stands for whatever a consumer changes: a notification queued, a counter moved.
  await db.sql`create table effects (consumer text not null, event_id text not null)`
})
afterAll(() => db?.drop())
beforeEach(async () => {
  await db.sql`truncate effects, processed_events`
})

const event = (id: string, source = '/shipments') =>
  new CloudEvent({ id, source, type: 'com.dropmate.shipment.created.v1' })

const record = (consumer: string, id: string) => async (tx: Queryable) => {
  await tx`insert into effects (consumer, event_id) values (${consumer}, ${id})`
  return id
}

const effects = () => db.sql<{ consumer: string; eventId: string }[]>`
  select consumer, event_id from effects order by consumer, event_id
`
const processedCount = async () =>
  (await db.sql<{ count: number }[]>`select count(*)::int as count from processed_events`)[0]!.count

describe('processOnce', () => {
  it('runs the effect of an event delivered twice once, and says the second was a duplicate', async () => {
    const first = await processOnce(db.sql, 'notify', event('e1'), record('notify', 'e1'))
    const second = await processOnce(db.sql, 'notify', event('e1'), record('notify', 'e1'))
    expect(first).toEqual({ duplicate: false, result: 'e1' })
    expect(second).toEqual({ duplicate: true })
    expect(await effects()).toHaveLength(1)
  })

  it('keeps no record of a failed attempt, so a redelivery runs the work again', async () => {
    const failing = async (tx: Queryable) => {
      await record('notify', 'e2')(tx)
      throw new Error('SMS provider down')
    }
    await expect(processOnce(db.sql, 'notify', event('e2'), failing)).rejects.toThrow('SMS')
    expect(await processedCount()).toBe(0)
    expect(await effects()).toHaveLength(0)

    const retry = await processOnce(db.sql, 'notify', event('e2'), record('notify', 'e2'))
    expect(retry).toEqual({ duplicate: false, result: 'e2' })
    expect(await effects()).toEqual([{ consumer: 'notify', eventId: 'e2' }])
  })

  it('treats the same id from two sources as two events', async () => {
    await processOnce(db.sql, 'notify', event('e3', '/shipments'), record('notify', 'e3'))
    const other = await processOnce(
      db.sql,
      'notify',
      event('e3', '/drivers'),
      record('notify', 'e3'),
    )
    expect(other.duplicate).toBe(false)
    expect(await effects()).toHaveLength(2)
  })

  it('lets each consumer process the same event once', async () => {
    for (const consumer of ['notify', 'audit', 'notify', 'audit']) {
      await processOnce(db.sql, consumer, event('e4'), record(consumer, 'e4'))
    }
    expect(await effects()).toEqual([
      { consumer: 'audit', eventId: 'e4' },
      { consumer: 'notify', eventId: 'e4' },
    ])
  })

  it('runs the effect once when the same event arrives twice at the same moment', async () => {
    const outcomes = await Promise.all(
      [1, 2].map(() => processOnce(db.sql, 'notify', event('e5'), record('notify', 'e5'))),
    )
    expect(outcomes.filter((outcome) => !outcome.duplicate)).toHaveLength(1)
    expect(await effects()).toHaveLength(1)
  })
})
