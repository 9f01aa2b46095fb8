import type { Queryable } from '../client'
import type { DutyStatus, VehicleType } from '@dropmate/core'
import type { Driver } from '../types'

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

export interface DriverCard {
  id: string
  name: string
  vehicleType: VehicleType
  dutyStatus: DutyStatus
}

/** Name, vehicle and duty of the given drivers, for suggestions on the dashboard. */
export async function findDriverCards(sql: Queryable, ids: string[]): Promise<DriverCard[]> {
  if (ids.length === 0) return []
  return sql<DriverCard[]>`
    select d.id, u.name, d.vehicle_type, d.duty_status
    from drivers d
    join users u on u.id = d.user_id
    where d.id in ${sql(ids)}
      and u.disabled_at is null
  `
}
