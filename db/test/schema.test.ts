import { newTrackingNumber } from '@dropmate/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadMigrations, migrate } from '../src/migrations'
import { createDriver } from '../src/queries/drivers'
import { maintainLocationPartitions } from '../src/queries/location-partitions'
import { prunePublishedEvents } from '../src/queries/outbox'
import { findShipmentById, insertShipment, moveShipmentStatus } from '../src/queries/shipments'
import { appendShipmentEvent, listShipmentEvents } from '../src/queries/shipment-events'
import { createUser } from '../src/queries/users'
import { createTestDatabase, type TestDatabase } from '../src/testing'
import type { Driver, Party } from '../src/types'

let db: TestDatabase
let driver: Driver

const shop: Party = {
  name: 'Padaria Estrela',
  phone: null,
  email: null,
  address: 'Rua da Estrela 10, Lisboa',
  lat: 38.7135,
  lng: -9.1605,
}
const receiver: Party = { ...shop, name: 'Rita Sousa', address: 'Rua dos Remédios 4, Lisboa' }

beforeAll(async () => {
  db = await createTestDatabase()
  await migrate(db.sql, await loadMigrations())
  const user = await createUser(db.sql, { email: 'rui@example.com', name: 'Rui', role: 'driver' })
  driver = await createDriver(db.sql, { userId: user.id, vehicleType: 'scooter' })
})

afterAll(() => db.drop())

const newShipment = async () =>
  (await insertShipment(db.sql, { trackingNumber: newTrackingNumber(), sender: shop, receiver }))!

describe('users', () => {
  it('allow one account per email whatever its case', async () => {
    await createUser(db.sql, { email: 'Joana@Example.com', name: 'Joana', role: 'customer' })
    await expect(
      createUser(db.sql, { email: 'joana@example.COM', name: 'J', role: 'customer' }),
    ).rejects.toThrow(/users_email_key/)
  })

  it('refuse a role the product does not have', async () => {
    await expect(
      createUser(db.sql, { email: 'x@example.com', name: 'X', role: 'owner' as never }),
    ).rejects.toThrow(/users_role_check/)
  })
})

describe('shipments', () => {
  it('walk the status machine, bumping their version and stamping each milestone', async () => {
    const shipment = await newShipment()
    expect(shipment).toMatchObject({ status: 'pending', version: 1, driverId: null })
    const assigned = await moveShipmentStatus(db.sql, {
      id: shipment.id,
      from: 'pending',
      to: 'assigned',
      driverId: driver.id,
    })
    expect(assigned).toMatchObject({ status: 'assigned', version: 2, driverId: driver.id })
    expect(assigned?.assignedAt).toBeInstanceOf(Date)
    const pickedUp = await moveShipmentStatus(db.sql, {
      id: shipment.id,
      from: 'assigned',
      to: 'picked_up',
    })
    expect(pickedUp).toMatchObject({ status: 'picked_up', version: 3, driverId: driver.id })
  })

  it('refuse a move from a status the shipment has already left', async () => {
    const shipment = await newShipment()
    const move = { id: shipment.id, from: 'pending', to: 'assigned', driverId: driver.id } as const
    const [first, second] = await Promise.all([
      moveShipmentStatus(db.sql, move),
      moveShipmentStatus(db.sql, move),
    ])
    expect([first, second].filter(Boolean)).toHaveLength(1)
    expect((await findShipmentById(db.sql, shipment.id))?.version).toBe(2)
  })

  it('refuse an unknown status, and a parcel past pending with no driver', async () => {
    const pending = await newShipment()
    await expect(
      db.sql`update shipments set status = 'in_transit' where id = ${pending.id}`,
    ).rejects.toThrow(/shipments_driver_check/)
    const move = { id: pending.id, from: 'pending', to: 'assigned', driverId: driver.id } as const
    await moveShipmentStatus(db.sql, move)
    await expect(
      db.sql`update shipments set status = 'lost' where id = ${pending.id}`,
    ).rejects.toThrow(/shipments_status_check/)
  })

  it('refuse guessable or duplicate tracking numbers', async () => {
    await expect(
      insertShipment(db.sql, { trackingNumber: 'DM000000000001', sender: shop, receiver }),
    ).resolves.toBeDefined()
    await expect(
      insertShipment(db.sql, { trackingNumber: 'DM000000000001', sender: shop, receiver }),
    ).rejects.toThrow(/shipments_tracking_number_key/)
    await expect(
      insertShipment(db.sql, { trackingNumber: '1001', sender: shop, receiver }),
    ).rejects.toThrow(/shipments_tracking_number_check/)
  })

  it('refuse positions off the globe', async () => {
    const offGlobe = { ...receiver, lat: 91 }
    await expect(
      insertShipment(db.sql, {
        trackingNumber: newTrackingNumber(),
        sender: shop,
        receiver: offGlobe,
      }),
    ).rejects.toThrow(/shipments_receiver_position_check/)
  })

  it('keep their timeline in order', async () => {
    const shipment = await newShipment()
    const start = Date.now()
    await appendShipmentEvent(db.sql, {
      shipmentId: shipment.id,
      type: 'status_changed',
      fromStatus: 'pending',
      toStatus: 'assigned',
      occurredAt: new Date(start + 1000),
    })
    await appendShipmentEvent(db.sql, {
      shipmentId: shipment.id,
      type: 'created',
      occurredAt: new Date(start),
    })
    const timeline = await listShipmentEvents(db.sql, shipment.id)
    expect(timeline.map((event) => event.type)).toEqual(['created', 'status_changed'])
  })
})

describe('driver location history', () => {
  const ping = (recordedAt: string, eventId: string) => db.sql`
    insert into driver_locations (driver_id, recorded_at, lat, lng, event_source, event_id)
    values (${driver.id}, ${recordedAt}, 38.71, -9.14, 'phone', ${eventId})
  `
  const partitionOf = async (eventId: string) => {
    const [row] = await db.sql`
      select tableoid::regclass::text as partition from driver_locations where event_id = ${eventId}
    `
    return row?.partition as string | undefined
  }

  it('lands today in a daily partition and stores a redelivered ping once', async () => {
    const now = new Date().toISOString()
    await ping(now, 'today-1')
    expect(await partitionOf('today-1')).toMatch(/^driver_locations_p\d{8}$/)
    await expect(ping(now, 'today-1')).rejects.toThrow(/duplicate key/)
  })

  it('moves late pings out of the default partition when their day gets one', async () => {
    const farAhead = new Date(Date.now() + 6 * 86_400_000).toISOString()
    await db.sql`select driver_locations_drop_older_than(interval '0 days')`
    await db.sql.unsafe(
      `drop table if exists driver_locations_p${farAhead.slice(0, 10).replaceAll('-', '')}`,
    )
    await ping(farAhead, 'ahead-1')
    expect(await partitionOf('ahead-1')).toBe('driver_locations_default')
    await maintainLocationPartitions(db.sql, 30)
    expect(await partitionOf('ahead-1')).toMatch(/^driver_locations_p\d{8}$/)
  })

  it('drops whole days past retention', async () => {
    const old = new Date(Date.now() - 40 * 86_400_000).toISOString()
    await ping(old, 'old-1')
    await ping(new Date().toISOString(), 'fresh-1')
    await maintainLocationPartitions(db.sql, 30)
    expect(await partitionOf('old-1')).toBeUndefined()
    expect(await partitionOf('fresh-1')).toBeDefined()
  })
})

describe('the outbox', () => {
  it('forgets published events after the days it keeps them, and never unpublished ones', async () => {
    const add = (publishedAt: string | null) => db.sql`
      insert into outbox (type, source, data, published_at)
      values ('com.dropmate.alert.v1', '/test', '{}', ${publishedAt})
      returning id
    `
    const [old] = await add(new Date(Date.now() - 8 * 86_400_000).toISOString())
    const [recent] = await add(new Date().toISOString())
    const [waiting] = await add(null)
    expect(await prunePublishedEvents(db.sql, 7)).toBe(1)
    const left =
      await db.sql`select id from outbox where id in ${db.sql([old!.id, recent!.id, waiting!.id])}`
    expect(left.map((row) => row.id).sort()).toEqual([recent!.id, waiting!.id].sort())
  })
})
