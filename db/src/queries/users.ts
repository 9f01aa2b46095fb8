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
