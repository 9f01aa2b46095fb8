import type { Role } from '@dropmate/core'
import {
  changeAccountAccess,
  findAccount,
  lockEnabledAdmins,
  recordAudit,
  type AccessChange,
  type Account,
  type Queryable,
} from '@dropmate/db'
import type { ApiDeps, Principal } from '@dropmate/kit'
import { ProblemError } from '@dropmate/runtime'

const notFound = () => new ProblemError('user_not_found', 'There is no such account.')

/**
 * Changes what an account may do (its role, whether it is disabled) and announces it to
 * every process once committed, so the holder's tokens stop counting everywhere within a
 * second. A driver stays a driver: the role comes with their driver record and deliveries.
 * The change and its audit entries commit together; one that would leave the shop without
 * an enabled admin is refused.
 */
export async function changeAccess(
  deps: Pick<ApiDeps, 'sql' | 'accounts'>,
  actor: Principal,
  userId: string,
  change: AccessChange & { role?: Exclude<Role, 'driver'> },
) {
  const account = await deps.sql.begin(async (tx) => {
    const admins = await lockEnabledAdmins(tx)
    const before = await findAccount(tx, userId)
    if (!before) throw notFound()
    if (change.role && before.driverId) {
      throw new ProblemError('driver_role_fixed', "A driver's role comes with their driver record.")
    }
    const staysAdmin = (change.role ?? before.role) === 'admin' && !(change.disabled ?? false)
    if (admins.length === 1 && admins[0] === userId && !staysAdmin) {
      throw new ProblemError('last_admin', 'The shop needs an enabled admin: make another first.')
    }
    const after = await changeAccountAccess(tx, userId, change)
    if (!after) throw notFound()
    await auditAccess(tx, actor, before, after)
    return after
  })
  await deps.accounts.announce({ userId: account.id, version: account.accessVersion })
  return account
}

/** One audit entry per field that changed: a role change, a disable or an enable. */
async function auditAccess(tx: Queryable, actor: Principal, before: Account, after: Account) {
  const entry = { actorId: actor.userId, targetId: after.id }
  if (before.role !== after.role) {
    await recordAudit(tx, {
      ...entry,
      action: 'user.role_changed',
      changes: { role: { from: before.role, to: after.role } },
    })
  }
  const wasDisabled = before.disabledAt !== null
  const isDisabled = after.disabledAt !== null
  if (wasDisabled !== isDisabled) {
    await recordAudit(tx, {
      ...entry,
      action: isDisabled ? 'user.disabled' : 'user.enabled',
      changes: { disabled: { from: wasDisabled, to: isDisabled } },
    })
  }
}
