import type { Role } from '@dropmate/core'
import type { Queryable } from '../client'
import type { User } from '../types'

export interface NewUser {
  email: string
  name: string
  phone?: string | null
  role: Role
  passwordHash?: string | null
  firebaseUid?: string | null
}

export async function createUser(sql: Queryable, user: NewUser): Promise<User> {
  const [created] = await sql<User[]>`
    insert into users ${sql({
      email: user.email,
      name: user.name,
      phone: user.phone ?? null,
      role: user.role,
      passwordHash: user.passwordHash ?? null,
      firebaseUid: user.firebaseUid ?? null,
    })}
    returning *
  `
  return created!
}

/** Emails match whatever their case, as people type them. */
export async function findUserByEmail(sql: Queryable, email: string): Promise<User | undefined> {
  const [user] = await sql<User[]>`
    select *
    from users
    where lower(email) = lower(${email})
  `
  return user
}

/** Who a signed-in user is for authorisation: role, driver record, whether disabled. */
export interface Account {
  id: string
  email: string
  name: string
  role: Role
  driverId: string | null
  disabledAt: Date | null
  /** The version of what the account may do; a token minted at an older one no longer counts. */
  accessVersion: number
}

export async function findAccount(sql: Queryable, userId: string): Promise<Account | undefined> {
  const [account] = await sql<Account[]>`
    select
      u.id,
      u.email,
      u.name,
      u.role,
      d.id as driver_id,
      u.disabled_at,
      u.access_version
    from users u
    left join drivers d on d.user_id = u.id
    where u.id = ${userId}
  `
  return account
}

/** What an admin changes about what an account may do; absent members stay as they are. */
export interface AccessChange {
  role?: Role
  disabled?: boolean
}

/**
 * Applies `change` and, when it changes the role or whether the account is disabled, counts
 * up the account's access version, so that tokens minted before it stop counting wherever the
 * change is announced. A change to what already is ends no session. Undefined when there is
 * no such account.
 */
export async function changeAccountAccess(
  sql: Queryable,
  userId: string,
  change: AccessChange,
): Promise<Account | undefined> {
  const disabledAt =
    change.disabled === undefined
      ? sql`disabled_at`
      : change.disabled
        ? sql`coalesce(disabled_at, now())`
        : sql`null`
  const role = sql`coalesce(${change.role ?? null}, role)`
  // Read against the row as it was: SET sees the old values.
  const changes = sql`(
    ${role} is distinct from role or (${disabledAt} is null) is distinct from (disabled_at is null)
  )`
  const [account] = await sql<Account[]>`
    with changed as (
      update users
      set
        role = ${role},
        disabled_at = ${disabledAt},
        access_version = access_version + case when ${changes} then 1 else 0 end,
        access_changed_at = case when ${changes} then now() else access_changed_at end
      where id = ${userId}
      returning *
    )
    select
      c.id,
      c.email,
      c.name,
      c.role,
      d.id as driver_id,
      c.disabled_at,
      c.access_version
    from changed c
    left join drivers d on d.user_id = c.id
  `
  return account
}

/** An account's access version as of a change: tokens minted at an older one do not count. */
export interface AccessVersion {
  userId: string
  version: number
}

/** The accounts whose access changed in the last `seconds`, at their current versions. */
export async function findRecentAccessChanges(
  sql: Queryable,
  seconds: number,
): Promise<AccessVersion[]> {
  return sql<AccessVersion[]>`
    select
      id as user_id,
      access_version as version
    from users
    where access_changed_at > now() - make_interval(secs => ${seconds})
  `
}
