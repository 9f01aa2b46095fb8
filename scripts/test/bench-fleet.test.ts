import { createMigratedTestDatabase, type TestDatabase } from '@dropmate/db/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createBenchFleet } from '../bench/fleet'

let db: TestDatabase

beforeAll(async () => {
  db = await createMigratedTestDatabase()
}, 120_000)

afterAll(async () => {
  await db?.drop()
})

describe('the bench fleet', () => {
  it('puts a city of parcels in transit, more than one statement may carry', async () => {
    // 4,000 parcels of twenty-odd columns each pass PostgreSQL's 65,535 parameters.
    const fleet = await createBenchFleet(
      db.sql,
      { drivers: 4_000, inTransit: 4_000 },
      's'.repeat(40),
    )
    expect(fleet.drivers).toHaveLength(4_000)
    expect(fleet.parcels).toHaveLength(4_000)
    const [row] = await db.sql<{ inTransit: number; drivers: number }[]>`
      select
        count(*)::int as in_transit,
        count(distinct driver_id)::int as drivers
      from shipments
      where status = 'in_transit'
    `
    expect(row).toEqual({ inTransit: 4_000, drivers: 4_000 })
  }, 300_000)
})
