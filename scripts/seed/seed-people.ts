import { hashPassword } from '@dropmate/core'
import {
  createDriver,
  createUser,
  findDriverByUserId,
  findUserByEmail,
  type Driver,
  type NewUser,
  type Queryable,
  type User,
} from '@dropmate/db'
import { ADMIN, CUSTOMERS, DISPATCHERS, DRIVERS, emailOf, STAFF_DOMAIN } from './demo-data'

/** The demo shop's people as stored, in the order of the lists in demo-data. */
export interface Cast {
  admin: User
  dispatchers: User[]
  drivers: { user: User; driver: Driver }[]
  customers: User[]
}

export interface PeopleCreated {
  users: number
  drivers: number
}

/**
 * Finds each demo person by email, creating whoever is missing; an account that exists is
 * left as it is, password included.
 */
export async function seedPeople(
  sql: Queryable,
  password: string,
): Promise<{ cast: Cast; created: PeopleCreated }> {
  const created = { users: 0, drivers: 0 }
  const user = async (person: Omit<NewUser, 'passwordHash'>) => {
    const found = await findUserByEmail(sql, person.email)
    if (found) return found
    created.users++
    return createUser(sql, { ...person, passwordHash: await hashPassword(password) })
  }
  const staff = (name: string, phone: string, role: 'admin' | 'dispatcher' | 'driver') =>
    user({ name, phone, role, email: emailOf(name, STAFF_DOMAIN) })

  const admin = await staff(ADMIN.name, ADMIN.phone, 'admin')
  const dispatchers = await inOrder(DISPATCHERS, ({ name, phone }) =>
    staff(name, phone, 'dispatcher'),
  )
  const drivers = await inOrder(DRIVERS, async ({ name, phone, ...vehicle }) => {
    const account = await staff(name, phone, 'driver')
    const found = await findDriverByUserId(sql, account.id)
    if (found) return { user: account, driver: found }
    created.drivers++
    return { user: account, driver: await createDriver(sql, { userId: account.id, ...vehicle }) }
  })
  const customers = await inOrder(CUSTOMERS, ({ name, phone, email }) =>
    user({ name, phone, email: email!, role: 'customer' }),
  )
  return { cast: { admin, dispatchers, drivers, customers }, created }
}

/** One at a time, so accounts are created in list order and a rerun meets them in it. */
async function inOrder<T, R>(items: readonly T[], each: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = []
  for (const item of items) results.push(await each(item))
  return results
}
