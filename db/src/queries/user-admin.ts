import type { Role, VehicleType } from '@dropmate/core'
import type { Queryable } from '../client'

/** An account as the admins' list shows it. */
export interface UserSummary {
  id: string
  email: string
  name: string
  phone: string | null
  role: Role
  driverId: string | null
  disabledAt: Date | null
  createdAt: Date
}

/** One account as an admin opens it: a driver's vehicle comes with it. */
export interface UserDetail extends UserSummary {
  vehicleType: VehicleType | null
  vehiclePlate: string | null
}

export interface UserFilter {
  /** A fragment of the name, email or phone number, in any case. */
  q?: string
  role?: Role
  disabled?: boolean
  /** Continue after the account with this id (the last one of the previous page). */
  afterId?: string
  limit: number
}

function selectUsers(sql: Queryable) {
  return sql`
    select
      u.id,
      u.email,
      u.name,
      u.phone,
      u.role,
      d.id as driver_id,
      u.disabled_at,
      u.created_at,
      d.vehicle_type,
      d.vehicle_plate
    from users u
    left join drivers d on d.user_id = u.id
  `
}

/**
 * One page of accounts by name (in any case), then id, so equal names keep a stable order
 * that a cursor resumes exactly, whatever is added meanwhile.
 */
export async function listUsers(sql: Queryable, filter: UserFilter): Promise<UserSummary[]> {
  const { q, role, disabled, afterId, limit } = filter
  const pattern = q && `%${q.replace(/[\\%_]/g, '\\$&')}%`
  const conditions = [
    pattern
      ? sql`(u.name ilike ${pattern} or u.email ilike ${pattern} or u.phone ilike ${pattern})`
      : null,
    role ? sql`u.role = ${role}` : null,
    disabled === undefined
      ? null
      : disabled
        ? sql`u.disabled_at is not null`
        : sql`u.disabled_at is null`,
    afterId
      ? sql`(lower(u.name), u.id) > (select lower(c.name), c.id from users c where c.id = ${afterId})`
      : null,
  ].filter((condition) => condition !== null)
  const rows = await sql<UserDetail[]>`
    ${selectUsers(sql)}
    where ${conditions.reduce((all, condition) => sql`${all} and ${condition}`, sql`true`)}
    order by lower(u.name), u.id
    limit ${limit}
  `
  return rows.map(({ vehicleType: _type, vehiclePlate: _plate, ...summary }) => summary)
}

export async function findUserDetail(sql: Queryable, id: string): Promise<UserDetail | undefined> {
  const [user] = await sql<UserDetail[]>`
    ${selectUsers(sql)}
    where u.id = ${id}
  `
  return user
}

/**
 * The enabled admins, held until the transaction ends: two admins demoting each other at
 * once cannot both see the other one still there.
 */
export async function lockEnabledAdmins(sql: Queryable): Promise<string[]> {
  const rows = await sql<{ id: string }[]>`
    select id
    from users
    where role = 'admin'
      and disabled_at is null
    order by id
    for update
  `
  return rows.map((row) => row.id)
}

/**
 * Sets a new password hash and counts up the account's access version, so its access tokens
 * stop counting once announced, and revokes every refresh token it holds: each open session
 * ends. Undefined when there is no such account.
 */
export async function replacePassword(
  sql: Queryable,
  userId: string,
  passwordHash: string,
): Promise<{ accessVersion: number } | undefined> {
  const [changed] = await sql<{ accessVersion: number }[]>`
    update users
    set
      password_hash = ${passwordHash},
      access_version = access_version + 1,
      access_changed_at = now()
    where id = ${userId}
    returning access_version
  `
  if (!changed) return undefined
  await sql`
    update refresh_tokens
    set revoked_at = now()
    where user_id = ${userId}
      and revoked_at is null
  `
  return changed
}
