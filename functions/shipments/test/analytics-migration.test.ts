import { loadMigrations, migrate } from '@dropmate/db'
import { createTestDatabase, type TestDatabase } from '@dropmate/db/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedPastShipment } from './history'

let db: TestDatabase

beforeAll(async () => {
  db = await createTestDatabase()
}, 60_000)

afterAll(() => db.drop())

describe('migration 0015 (analytics)', () => {
  it('rolls up the timeline and the duty statuses that were there before it', async () => {
    const migrations = await loadMigrations()
    await migrate(
      db.sql,
      migrations.filter((m) => m.version < 15),
    )
    const [user] = await db.sql<{ id: string }[]>`
      insert into users (email, name, role) values ('early@example.com', 'Early Driver', 'driver')
      returning id
    `
    const [driver] = await db.sql<{ id: string }[]>`
      insert into drivers (user_id, duty_status, duty_changed_at)
      values (${user!.id}, 'available', '2026-03-01T08:00:00Z')
      returning id
    `
    const shipment = await seedPastShipment(db.sql, {
      driverId: driver!.id,
      steps: [
        ['picked_up', '2026-03-02T09:00:00Z'],
        ['in_transit', '2026-03-02T09:05:00Z'],
        ['failed', '2026-03-02T09:30:00Z', ' Nobody home. '],
        ['in_transit', '2026-03-02T10:00:00Z'],
        ['delivered', '2026-03-02T10:30:00Z'],
      ],
    })

    await migrate(db.sql, migrations)

    const outcomes = await db.sql`
      select outcome, driver_id, picked_up_at, earlier_failures, reason, reason_key
      from delivery_outcomes
      where shipment_id = ${shipment}
      order by occurred_at
    `
    expect(outcomes).toEqual([
      {
        outcome: 'failed',
        driverId: driver!.id,
        pickedUpAt: new Date('2026-03-02T09:00:00Z'),
        earlierFailures: 0,
        reason: 'Nobody home.',
        reasonKey: 'nobody home',
      },
      {
        outcome: 'delivered',
        driverId: driver!.id,
        pickedUpAt: new Date('2026-03-02T09:00:00Z'),
        earlierFailures: 1,
        reason: null,
        reasonKey: null,
      },
    ])
    const duty = await db.sql`
      select duty_status, changed_at from driver_duty_changes where driver_id = ${driver!.id}
    `
    expect(duty).toEqual([{ dutyStatus: 'available', changedAt: new Date('2026-03-01T08:00:00Z') }])
  })
})
