import { rememberPlaces, type Sql } from '@dropmate/db'
import { CUSTOMERS, SHOP, WALK_INS } from './demo-data'
import { planShipments } from './plan-shipments'
import { seedPeople } from './seed-people'
import { seedShipment } from './seed-shipment'

export interface SeedOptions {
  /** Every demo account's password. */
  password: string
  /** The moment the demo's three days of history end; shipments are placed before it. */
  now?: Date
}

/** What one call created; a rerun over a seeded database reports zeros. */
export interface SeedCounts {
  users: number
  drivers: number
  shipments: number
  events: number
}

/**
 * Fills the database with Padaria Estrela, a Lisbon bakery: staff, ten drivers, twenty
 * customers and a hundred shipments with their timelines, and every address of theirs as a
 * known place, so address search suggests them with no geocoder. Idempotent: people are found
 * by email, shipments by their DEMO-nnnn reference and places by their address, so running
 * it again adds nothing.
 *
 * @example
 * await seedDemoShop(db.sql, { password: 'dropmate-demo' })
 * // { users: 33, drivers: 10, shipments: 100, events: 412 } the first time, zeros after
 */
export async function seedDemoShop(sql: Sql, options: SeedOptions): Promise<SeedCounts> {
  await rememberPlaces(
    sql,
    [SHOP, ...CUSTOMERS, ...WALK_INS].map(({ address, lat, lng }) => ({
      label: address,
      lat,
      lng,
    })),
  )
  const { cast, created } = await seedPeople(sql, options.password)
  const counts = { ...created, shipments: 0, events: 0 }
  for (const plan of planShipments(options.now ?? new Date())) {
    // A parcel whole or not at all: a rerun after a failure picks up where this one stopped.
    const events = await sql.begin((tx) => seedShipment(tx, plan, cast))
    if (events === undefined) continue
    counts.shipments++
    counts.events += events
  }
  return counts
}
