import { hashPassword, type Role } from '@dropmate/core'
import type { VehicleType } from '@dropmate/core'
import {
  createDriver,
  createUser,
  recordAudit,
  type Queryable,
  type Sql,
  type User,
} from '@dropmate/db'
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
  /** Staff who made the account: the audit trail records it. None from the CLI or sign-up. */
  createdBy?: string
}

export interface CreatedAccount {
  user: User
  driverId: string | null
}

/**
 * Creates a user (and, for drivers, their driver record) in one transaction, with its audit
 * entry when staff made it. A taken email is a 409 `email_taken`, whatever its case.
 */
export async function createAccount(sql: Sql, account: NewAccount): Promise<CreatedAccount> {
  if (account.role === 'driver' && !account.vehicle) {
    throw new ProblemError('vehicle_required', 'A driver account needs a vehicle.')
  }
  const passwordHash = account.password === null ? null : await hashPassword(account.password)
  try {
    return await sql.begin(async (tx) => {
      const user = await createUser(tx, { ...account, passwordHash })
      const driverId =
        account.role === 'driver'
          ? (
              await createDriver(tx, {
                userId: user.id,
                vehicleType: account.vehicle!.type,
                vehiclePlate: account.vehicle!.plate ?? null,
              })
            ).id
          : null
      if (account.createdBy) await auditCreation(tx, account.createdBy, user, account.vehicle)
      return { user, driverId }
    })
  } catch (error) {
    if ((error as { constraint_name?: string }).constraint_name === 'users_email_key') {
      throw new ProblemError('email_taken', `An account for ${account.email} exists already.`)
    }
    throw error
  }
}

/** What the new account was made with, as changes from nothing; never its password. */
function auditCreation(
  tx: Queryable,
  actorId: string,
  { id, email, name, phone, role }: User,
  vehicle: NewAccount['vehicle'],
) {
  const fields: Record<string, unknown> = { email, name, phone, role }
  if (vehicle)
    Object.assign(fields, { vehicleType: vehicle.type, vehiclePlate: vehicle.plate ?? null })
  const changes = Object.fromEntries(Object.entries(fields).map(([field, to]) => [field, { to }]))
  const action = role === 'driver' ? 'driver.created' : 'user.created'
  return recordAudit(tx, { actorId, action, targetId: id, changes })
}
