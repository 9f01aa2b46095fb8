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
}

export async function findAccount(sql: Queryable, userId: string): Promise<Account | undefined> {
  const [account] = await sql<Account[]>`
    select
      u.id,
      u.email,
      u.name,
      u.role,
      d.id as driver_id,
      u.disabled_at
    from users u
    left join drivers d on d.user_id = u.id
    where u.id = ${userId}
  `
  return account
}
