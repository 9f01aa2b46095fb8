import { hashPassword } from '@dropmate/core'
import { findAccount, recordAudit, replacePassword } from '@dropmate/db'
import type { ApiDeps, Principal } from '@dropmate/kit'
import { ProblemError } from '@dropmate/runtime'
import { randomBytes } from 'node:crypto'

// 15 random bytes: 120 bits, written as 20 characters a person can copy without ambiguity
// of padding (base64url has none at this length).
const GENERATED_BYTES = 15

/**
 * Gives an account a new password (`password`, or one made up here and answered once), and
 * ends its sessions: its refresh tokens are revoked and its access version counted up and
 * announced, so its access tokens stop counting everywhere within a second. The change and
 * its audit entry, which never holds the password, commit together.
 */
export async function resetAccountPassword(
  deps: Pick<ApiDeps, 'sql' | 'accounts'>,
  actor: Principal,
  userId: string,
  password: string | undefined,
) {
  const generated =
    password === undefined ? randomBytes(GENERATED_BYTES).toString('base64url') : null
  const passwordHash = await hashPassword(password ?? generated!)
  const account = await deps.sql.begin(async (tx) => {
    const replaced = await replacePassword(tx, userId, passwordHash)
    if (!replaced) throw new ProblemError('user_not_found', 'There is no such account.')
    await recordAudit(tx, {
      actorId: actor.userId,
      action: 'user.password_reset',
      targetId: userId,
    })
    return (await findAccount(tx, userId))!
  })
  await deps.accounts.announce({ userId, version: account.accessVersion })
  return { account, generated }
}
