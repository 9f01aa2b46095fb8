import { hashPassword, type Role } from '@dropmate/core'
import type { VehicleType } from '@dropmate/core'
import { createDriver, createUser, type Sql, type User } from '@dropmate/db'
import { ProblemError } from '@dropmate/runtime'

export interface NewAccount {
  email: string
  name: string
  phone?: string | null
  role: Role
  /** Local auth; null for accounts that will sign in through Firebase. */
  password: string | null
  /** Required for drivers: every driver account has its driver record. */
  vehicle?: { type: VehicleType; plate?: string | null }
}

export interface CreatedAccount {
  user: User
  driverId: string | null
}

/**
 * Creates a user (and, for drivers, their driver record) in one transaction. A taken email
 * is a 409 `email_taken`, whatever its case.
 */
export async function createAccount(sql: Sql, account: NewAccount): Promise<CreatedAccount> {
  if (account.role === 'driver' && !account.vehicle) {
    throw new ProblemError('vehicle_required', 'A driver account needs a vehicle.')
  }
  const passwordHash = account.password === null ? null : await hashPassword(account.password)
  try {
    return await sql.begin(async (tx) => {
      const user = await createUser(tx, { ...account, passwordHash })
      if (account.role !== 'driver') return { user, driverId: null }
      const driver = await createDriver(tx, {
        userId: user.id,
        vehicleType: account.vehicle!.type,
        vehiclePlate: account.vehicle!.plate ?? null,
      })
      return { user, driverId: driver.id }
    })
  } catch (error) {
    if ((error as { constraint_name?: string }).constraint_name === 'users_email_key') {
      throw new ProblemError('email_taken', `An account for ${account.email} exists already.`)
    }
    throw error
  }
}
