import { createMemoryFeed } from '@dropmate/events'
import { followAccountChanges, LocalAuth } from '@dropmate/kit'
import { newTrackingNumber } from '@dropmate/core'
import type { Sql } from '@dropmate/db'
import { SHOP } from '../seed/demo-data'
import type { BenchDriver } from './scenarios'

export interface FleetSize {
  drivers: number
  /** Drivers carrying one parcel in transit each, whose tracking pages the bench opens. */
  inTransit: number
}

/** A parcel in transit, and the driver whose positions its tracking page shows. */
export interface FleetParcel {
  trackingNumber: string
  driverId: string
}

export interface BenchFleet {
  /** Every fleet driver, signed in: a token each, as their phones have. */
  drivers: BenchDriver[]
  parcels: FleetParcel[]
}

// Parque das Nações, 7 km from the shop the pings circle: no ping comes within the 150 m
// that records an arrival (and writes the timeline) on every bench run.
const FAR_AWAY = { lat: 38.768, lng: -9.094 }
// A statement carries at most 65,535 parameters; a parcel row has twenty-odd columns.
const PARCELS_PER_INSERT = 1_000
// As long as the server's default (ACCESS_TOKEN_TTL_SECONDS), and past the bench's watchdog.
const TOKEN_TTL_SECONDS = 900

/**
 * Drivers on duty and their parcels in transit, written straight to the database in a few
 * statements: the API would take a scrypt hash and a login per driver. Run it before the
 * server starts, whose realtime gateway loads the shipments in transit only at start (and
 * every minute after). The accounts have no password; their tokens are minted by LocalAuth
 * with the server's secret, as a login would.
 */
export async function createBenchFleet(
  sql: Sql,
  size: FleetSize,
  secret: string,
): Promise<BenchFleet> {
  const drivers = await sql<{ driverId: string; userId: string }[]>`
    with accounts as (
      insert into users (email, name, role)
      select
        format('bench-driver-%s@bench.example', n),
        format('Bench driver %s', n),
        'driver'
      from generate_series(1, ${size.drivers}) as n
      returning id
    )
    insert into drivers (user_id, vehicle_type, duty_status)
    select
      id,
      'scooter',
      'available'
    from accounts
    returning
      id as driver_id,
      user_id
  `
  const carriers = drivers.slice(0, size.inTransit)
  const parcels = carriers.map(({ driverId }) => ({
    trackingNumber: newTrackingNumber(),
    driverId,
  }))
  if (parcels.length > 0) {
    await sql`
      update drivers
      set duty_status = 'busy'
      where id in ${sql(carriers.map((carrier) => carrier.driverId))}
    `
    const rows = parcels.map(parcelInTransit)
    for (let from = 0; from < rows.length; from += PARCELS_PER_INSERT) {
      await sql`insert into shipments ${sql(rows.slice(from, from + PARCELS_PER_INSERT))}`
    }
  }

  // Tokens are only minted here: the changes this process would check them against are none.
  const changes = followAccountChanges({
    feed: createMemoryFeed(),
    sql,
    tokenTtlSeconds: TOKEN_TTL_SECONDS,
  })
  const auth = new LocalAuth({
    changes,
    secret,
    accessTokenTtlSeconds: TOKEN_TTL_SECONDS,
    refreshTokenTtlDays: 1,
  })
  const tokens = await Promise.all(
    drivers.map(async ({ userId }) => (await auth.issue(sql, userId)).accessToken),
  )
  await changes.close()
  return {
    drivers: drivers.map(({ driverId }, i) => ({ driverId, token: tokens[i]! })),
    parcels,
  }
}

/**
 * The row of a parcel from the shop, picked up and in transit with `driverId`, to a door far
 * from where the bench's pings are.
 */
export function parcelInTransit({ trackingNumber, driverId }: FleetParcel, n: number) {
  const now = new Date()
  return {
    trackingNumber,
    status: 'in_transit',
    senderName: SHOP.name,
    senderPhone: SHOP.phone,
    senderEmail: SHOP.email,
    senderAddress: SHOP.address,
    senderLat: SHOP.lat,
    senderLng: SHOP.lng,
    receiverName: `Bench customer ${n + 1}`,
    receiverAddress: `Rua do Bojador ${(n % 200) + 1}, Parque das Nações, Lisboa`,
    receiverLat: FAR_AWAY.lat + (n % 50) / 10_000,
    receiverLng: FAR_AWAY.lng + (n % 40) / 10_000,
    packageWeightKg: 1,
    packageDescription: 'Bench parcel',
    driverId,
    assignedAt: now,
    pickedUpAt: now,
  }
}
