import type { Queryable } from '../client'

export interface RefreshTokenRow {
  id: string
  userId: string
  familyId: string
  expiresAt: Date
  usedAt: Date | null
  revokedAt: Date | null
}

export async function insertRefreshToken(
  sql: Queryable,
  token: { userId: string; tokenHash: string; familyId: string; expiresAt: Date },
): Promise<void> {
  await sql`insert into refresh_tokens ${sql(token)}`
}

/**
 * Spends a refresh token: `fresh` is true for exactly one caller, however many race with the
 * same token; later callers see it spent (a replay). Undefined for an unknown token.
 */
export async function spendRefreshToken(
  sql: Queryable,
  tokenHash: string,
): Promise<{ token: RefreshTokenRow; fresh: boolean } | undefined> {
  const [spent] = await sql<RefreshTokenRow[]>`
    update refresh_tokens
    set used_at = now()
    where token_hash = ${tokenHash}
      and used_at is null
    returning id, user_id, family_id, expires_at, used_at, revoked_at
  `
  if (spent) return { token: spent, fresh: true }
  const [known] = await sql<RefreshTokenRow[]>`
    select id, user_id, family_id, expires_at, used_at, revoked_at
    from refresh_tokens
    where token_hash = ${tokenHash}
  `
  return known && { token: known, fresh: false }
}

/** Ends every session that grew from one login: on logout, and when a token is replayed. */
export async function revokeRefreshFamily(sql: Queryable, familyId: string): Promise<void> {
  await sql`
    update refresh_tokens
    set revoked_at = now()
    where family_id = ${familyId}
      and revoked_at is null
  `
}
