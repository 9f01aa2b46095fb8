import { SHIPMENT_STATUSES, verifyPassword, type ShipmentStatus } from '@dropmate/core'
import { findUserByEmail, searchKnownPlaces, type ShipmentEvent } from '@dropmate/db'
import { createMigratedTestDatabase, type TestDatabase } from '@dropmate/db/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { planShipments } from '../seed/plan-shipments'
import { seedDemoShop, type SeedCounts } from '../seed/seed-demo-shop'
import { seedPeople } from '../seed/seed-people'
import { seedShipment } from '../seed/seed-shipment'

const PASSWORD = 'a-test-demo-password'
const DAY_MS = 24 * 60 * 60 * 1000
const now = new Date()

let db: TestDatabase
let first: SeedCounts

beforeAll(async () => {
  db = await createMigratedTestDatabase()
  first = await seedDemoShop(db.sql, { password: PASSWORD, now })
})

afterAll(async () => {
  await db?.drop()
})

interface ShipmentRow {
  id: string
  reference: string
  status: ShipmentStatus
  driverId: string | null
  createdAt: Date
}

const shipments = () =>
  db.sql<ShipmentRow[]>`
    select id, reference, status, driver_id, created_at
    from shipments
    order by reference
  `

async function timelines() {
  const events = await db.sql<ShipmentEvent[]>`
    select *
    from shipment_events
    order by shipment_id, occurred_at, id
  `
  const byShipment = new Map<string, ShipmentEvent[]>()
  for (const event of events) {
    byShipment.set(event.shipmentId, [...(byShipment.get(event.shipmentId) ?? []), event])
  }
  return byShipment
}

async function tableCounts() {
  const [counts] = await db.sql`
    select
      (select count(*)::int from users) as users,
      (select count(*)::int from drivers) as drivers,
      (select count(*)::int from shipments) as shipments,
      (select count(*)::int from shipment_events) as events
  `
  return counts
}

describe('seedDemoShop', () => {
  it('creates one admin, two dispatchers, ten drivers, twenty customers and 100 shipments', async () => {
    expect(first).toMatchObject({ users: 33, drivers: 10, shipments: 100 })
    const roles = await db.sql<{ role: string; count: number }[]>`
      select role, count(*)::int as count
      from users
      group by role
    `
    expect(Object.fromEntries(roles.map(({ role, count }) => [role, count]))).toEqual({
      admin: 1,
      dispatcher: 2,
      driver: 10,
      customer: 20,
    })
    expect(await tableCounts()).toEqual({
      users: 33,
      drivers: 10,
      shipments: 100,
      events: first.events,
    })
  })

  it('leaves shipments in every status, most of them delivered', async () => {
    const statuses = (await shipments()).map((shipment) => shipment.status)
    expect(new Set(statuses)).toEqual(new Set(SHIPMENT_STATUSES))
    expect(statuses.filter((status) => status === 'delivered').length).toBeGreaterThan(50)
  })

  it('gives every shipment a timeline from its creation, each move starting where the last ended', async () => {
    const events = await timelines()
    const broken = (await shipments()).flatMap((shipment) => {
      const [created, ...moves] = events.get(shipment.id) ?? []
      if (created?.type !== 'created') return [`${shipment.reference} does not start with created`]
      let status: ShipmentStatus = 'pending'
      for (const move of moves.filter(
        (e) => e.type === 'assigned' || e.type === 'status_changed',
      )) {
        if (move.fromStatus !== status) return [`${shipment.reference} jumps from ${status}`]
        status = move.toStatus!
      }
      return status === shipment.status ? [] : [`${shipment.reference} ends at ${status}`]
    })
    expect(broken).toEqual([])
  })

  it('dates every timeline within the past three days, in order and never after now', async () => {
    const events = await timelines()
    const broken = (await shipments()).flatMap((shipment) => {
      const times = (events.get(shipment.id) ?? []).map((event) => event.occurredAt.getTime())
      const ordered = times.every((time, i) => i === 0 || time >= times[i - 1]!)
      const inRange = times.every(
        (time) => time <= now.getTime() && time >= now.getTime() - 3 * DAY_MS,
      )
      const createdThen = times[0] === shipment.createdAt.getTime()
      return ordered && inRange && createdThen ? [] : [shipment.reference]
    })
    expect(broken).toEqual([])
  })

  it('puts every shipment that left pending in a driver’s hands, except those cancelled before', async () => {
    const all = await shipments()
    const unheld = all.filter(
      (s) => s.status !== 'pending' && s.status !== 'cancelled' && !s.driverId,
    )
    expect(unheld).toEqual([])
    expect(all.filter((s) => s.status === 'pending' && s.driverId)).toEqual([])
  })

  it('knows every demo address and its point, so address search suggests them offline', async () => {
    const parties = await db.sql<{ address: string; lat: number; lng: number }[]>`
      select sender_address as address, sender_lat as lat, sender_lng as lng from shipments
      union
      select receiver_address, receiver_lat, receiver_lng from shipments
    `
    const known = await db.sql<{ label: string; lat: number; lng: number }[]>`
      select label, lat, lng from known_places
    `
    expect(known).toEqual(
      expect.arrayContaining(
        parties.map(({ address, lat, lng }) => ({ label: address, lat, lng })),
      ),
    )
    expect(await searchKnownPlaces(db.sql, ['rua', 'augusta'], 5)).toEqual([
      { label: 'Rua Augusta 150, Baixa, Lisboa', lat: 38.71, lng: -9.1375 },
    ])
  })

  it('queues no outbox events, so the demo emails nobody', async () => {
    const [outbox] = await db.sql`select count(*)::int as count from outbox`
    expect(outbox?.count).toBe(0)
  })

  it('lets the demo logins sign in with the seed password', async () => {
    for (const email of ['helena.marques@estrela.example', 'maria.almeida@example.com']) {
      const user = await findUserByEmail(db.sql, email)
      expect(await verifyPassword(user!.passwordHash!, PASSWORD)).toBe(true)
    }
  })

  it('refuses a timeline the status machine forbids, writing none of it', async () => {
    const { cast } = await seedPeople(db.sql, PASSWORD)
    const delivered = planShipments(now).find((plan) => plan.steps.at(-1)?.to === 'delivered')!
    const skipsAssignment = {
      ...delivered,
      reference: 'DEMO-9999',
      steps: delivered.steps.slice(1),
    }
    await expect(db.sql.begin((tx) => seedShipment(tx, skipsAssignment, cast))).rejects.toThrow(
      /DEMO-9999: pending → picked_up by a driver: invalid_transition/,
    )
    expect(await db.sql`select id from shipments where reference = 'DEMO-9999'`).toHaveLength(0)
  })

  it('creates nothing and changes nothing when run again', async () => {
    const before = { counts: await tableCounts(), shipments: await shipments() }
    const again = await seedDemoShop(db.sql, { password: 'another-password', now: new Date() })
    expect(again).toEqual({ users: 0, drivers: 0, shipments: 0, events: 0 })
    expect({ counts: await tableCounts(), shipments: await shipments() }).toEqual(before)
    const admin = await findUserByEmail(db.sql, 'helena.marques@estrela.example')
    expect(await verifyPassword(admin!.passwordHash!, PASSWORD)).toBe(true)
  })
})
