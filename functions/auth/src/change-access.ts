import type { Role } from '@dropmate/core'
import { changeAccountAccess, findAccount, type AccessChange } from '@dropmate/db'
import type { ApiDeps } from '@dropmate/kit'
import { ProblemError } from '@dropmate/runtime'

/**
 * Changes what an account may do (its role, whether it is disabled) and announces it to
 * every process once committed, so the holder's tokens stop counting everywhere within a
 * second. A driver stays a driver: the role comes with their driver record and deliveries.
 */
export async function changeAccess(
  deps: Pick<ApiDeps, 'sql' | 'accounts'>,
  userId: string,
  change: AccessChange & { role?: Exclude<Role, 'driver'> },
) {
  const before = await findAccount(deps.sql, userId)
  if (!before) throw new ProblemError('user_not_found', 'There is no such account.')
  if (change.role && before.driverId) {
    throw new ProblemError('driver_role_fixed', "A driver's role comes with their driver record.")
  }
  const account = await changeAccountAccess(deps.sql, userId, change)
  if (!account) throw new ProblemError('user_not_found', 'There is no such account.')
  await deps.accounts.announce({ userId: account.id, version: account.accessVersion })
  return account
}
