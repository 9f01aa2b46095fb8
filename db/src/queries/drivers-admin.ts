import type { Queryable } from '../client'
import type { DriverSettings, DutyStatus, VehicleType } from '@dropmate/core'
import type { Driver } from '../types'

/** A driver as staff see them: the person, the vehicle, the duty and the load they carry. */
export interface DriverView {
  id: string
  userId: string
  name: string
  email: string
  phone: string | null
  vehicleType: VehicleType
  vehiclePlate: string | null
  dutyStatus: DutyStatus
  dutyChangedAt: Date
  /** Shipments in the driver's hands: assigned and not yet delivered or cancelled. */
  activeShipments: number
}

export interface DriverFilter {
  /** One driver only: a driver sees themselves. */
  id?: string
  dutyStatus?: DutyStatus
  /** Part of the name, in any case. */
  q?: string
}

/** The columns a change to a driver's record writes. */
export type DriverChanges = DriverSettings

function selectDriverViews(sql: Queryable) {
  // A failed attempt stays with its driver until it goes back in transit (DESIGN.md §4).
  return sql`
    select
      d.id,
      d.user_id,
      u.name,
      u.email,
      u.phone,
      d.vehicle_type,
      d.vehicle_plate,
      d.duty_status,
      d.duty_changed_at,
      (
        select count(*)::int
        from shipments s
        where s.driver_id = d.id
          and s.status in ('assigned', 'picked_up', 'in_transit', 'failed')
      ) as active_shipments
    from drivers d
    join users u on u.id = d.user_id
  `
}

/** Drivers matching `filter`, by name then id so equal names keep a stable order. */
export async function listDriverViews(
  sql: Queryable,
  filter: DriverFilter = {},
): Promise<DriverView[]> {
  const { id, dutyStatus, q } = filter
  return sql<DriverView[]>`
    ${selectDriverViews(sql)}
    where true
      ${id ? sql`and d.id = ${id}` : sql``}
      ${dutyStatus ? sql`and d.duty_status = ${dutyStatus}` : sql``}
      ${q ? sql`and u.name ilike ${`%${escapeLike(q)}%`}` : sql``}
    order by u.name, d.id
  `
}

export async function findDriverView(sql: Queryable, id: string): Promise<DriverView | undefined> {
  const [driver] = await sql<DriverView[]>`
    ${selectDriverViews(sql)}
    where d.id = ${id}
  `
  return driver
}

/**
 * Reads a driver and holds their row until the transaction ends, so a change computed from
 * what was read (a duty status `from`) cannot interleave with another one.
 */
export async function lockDriver(sql: Queryable, id: string): Promise<Driver | undefined> {
  const [driver] = await sql<Driver[]>`
    select *
    from drivers
    where id = ${id}
    for update
  `
  return driver
}

/**
 * Applies `changes`. Pass only what differs: a `dutyStatus` here restarts `duty_changed_at`,
 * which says since when the driver has been in that status.
 */
export async function updateDriverRecord(
  sql: Queryable,
  id: string,
  changes: DriverChanges,
): Promise<Driver | undefined> {
  const columns = (Object.keys(changes) as (keyof DriverChanges)[]).filter(
    (column) => changes[column] !== undefined,
  )
  if (columns.length === 0) return lockDriver(sql, id)
  const [driver] = await sql<Driver[]>`
    update drivers
    set
      ${sql(changes, columns)}
      ${columns.includes('dutyStatus') ? sql`, duty_changed_at = now()` : sql``}
    where id = ${id}
    returning *
  `
  return driver
}

/** Makes `%`, `_` and `\` in a search match themselves, not any text. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, '\\$&')
}
