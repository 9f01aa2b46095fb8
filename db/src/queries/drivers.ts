import type { Queryable } from '../client'
import type { Driver, DutyStatus, VehicleType } from '../types'

export interface NewDriver {
  userId: string
  vehicleType: VehicleType
  vehiclePlate?: string | null
  dutyStatus?: DutyStatus
}

export async function createDriver(sql: Queryable, driver: NewDriver): Promise<Driver> {
  const [created] = await sql<Driver[]>`
    insert into drivers ${sql({
      userId: driver.userId,
      vehicleType: driver.vehicleType,
      vehiclePlate: driver.vehiclePlate ?? null,
      dutyStatus: driver.dutyStatus ?? 'offline',
    })}
    returning *
  `
  return created!
}

export async function findDriverByUserId(
  sql: Queryable,
  userId: string,
): Promise<Driver | undefined> {
  const [driver] = await sql<Driver[]>`
    select *
    from drivers
    where user_id = ${userId}
  `
  return driver
}

export async function findDriverById(sql: Queryable, id: string): Promise<Driver | undefined> {
  const [driver] = await sql<Driver[]>`
    select *
    from drivers
    where id = ${id}
  `
  return driver
}
