import { BoundedMap, ROLES, type Role } from '@dropmate/core'
import {
  findAccount,
  insertRefreshToken,
  revokeRefreshFamily,
  spendRefreshToken,
} from '@dropmate/db'
import type { Account, Queryable, Sql } from '@dropmate/db'
import { createHash, randomBytes, randomUUID } from 'node:crypto'
import { signHs256, verifyHs256, type Claims } from './hs256'
import type { AccountChanges } from './account-changes'
import type { Authenticator, Principal } from './principal'

export interface LocalAuthOptions {
  /** Changes to accounts, by which a token minted before one stops counting. */
  changes: AccountChanges
  secret: string
  accessTokenTtlSeconds: number
  refreshTokenTtlDays: number
}

export interface TokenPair {
  accessToken: string
  tokenType: 'Bearer'
  expiresIn: number
  refreshToken: string
}

const ISSUER = 'dropmate'
// A city's worth of signed-in phones and screens, at about half a kilobyte each.
const VERIFIED_TOKENS = 20_000

interface VerifiedToken {
  principal: Principal
  /** The account's access version the token was minted under. */
  version: number
  expiresAtMs: number
}

/**
 * Local accounts (the self-hosted default): short-lived HS256 access tokens and rotating
 * refresh tokens. An access token says who holds it (role, driver record, name, email), so a
 * request costs no query (a ping's largest cost, measured by npm run bench); it carries the
 * account's access version too, and a change to the account (disabled, role changed) counts
 * the version up and is announced to every process, which then refuses older tokens. The
 * token's short life bounds what an announcement that never arrived could let through.
 */
export class LocalAuth implements Authenticator {
  /**
   * Tokens whose signature checked out, by their exact text. A phone sends the same token
   * with every ping for its whole life, and checking it again (an HMAC: a fifth of a ping's
   * CPU by npm run bench when it was WebCrypto's) would learn nothing new. Expiry and the
   * account's access version are still checked on every request.
   */
  private readonly verified = new BoundedMap<string, VerifiedToken>(VERIFIED_TOKENS)

  constructor(private readonly options: LocalAuthOptions) {}

  async principalFor(token: string): Promise<Principal | null> {
    const verified = this.verified.get(token) ?? this.verify(token)
    if (!verified || Date.now() >= verified.expiresAtMs) return null
    const { principal, version } = verified
    const { changes } = this.options
    await changes.ready()
    return changes.counts(principal.userId, version) ? principal : null
  }

  private verify(token: string): VerifiedToken | null {
    const claims = verifyHs256(token, this.options.secret)
    if (!claims || claims.iss !== ISSUER) return null
    const { ver: version, exp } = claims
    if (!Number.isInteger(version) || !Number.isInteger(exp)) return null
    const principal = principalIn(claims)
    if (!principal) return null
    const verified = { principal, version: version as number, expiresAtMs: (exp as number) * 1000 }
    this.verified.set(token, verified)
    return verified
  }

  /** A new session for an account that may sign in: a fresh refresh-token family. */
  async issue(sql: Queryable, userId: string): Promise<TokenPair> {
    const account = await findAccount(sql, userId)
    if (!account || account.disabledAt) throw new Error(`account ${userId} may not sign in`)
    return this.tokensFor(sql, account, randomUUID())
  }

  /**
   * Trades a refresh token for a new pair. A token used twice means it was copied: the whole
   * family is revoked and both holders must sign in again (OAuth 2.0 Security BCP §4.14).
   * `disabled` for a session of an account disabled since.
   */
  async refresh(
    sql: Sql,
    refreshToken: string,
  ): Promise<{ pair: TokenPair; principal: Principal } | 'disabled' | null> {
    const spent = await spendRefreshToken(sql, hashToken(refreshToken))
    if (!spent) return null
    const { token, fresh } = spent
    if (!fresh) {
      await revokeRefreshFamily(sql, token.familyId)
      return null
    }
    if (token.revokedAt || token.expiresAt <= new Date()) return null
    // Read now: a refresh is how a changed account's holder gets a token saying so.
    const account = await findAccount(sql, token.userId)
    if (!account) return null
    // Said as such: the holder's screen can tell them why they are signed out.
    if (account.disabledAt) return 'disabled'
    const pair = await this.tokensFor(sql, account, token.familyId)
    return { pair, principal: principalFrom(account) }
  }

  /** Ends the session the refresh token belongs to. */
  async logout(sql: Sql, refreshToken: string): Promise<void> {
    const spent = await spendRefreshToken(sql, hashToken(refreshToken))
    if (spent) await revokeRefreshFamily(sql, spent.token.familyId)
  }

  private async tokensFor(sql: Queryable, account: Account, familyId: string): Promise<TokenPair> {
    const { accessTokenTtlSeconds, refreshTokenTtlDays } = this.options
    const now = Math.floor(Date.now() / 1000)
    const { id: userId, role, driverId, name, email, accessVersion: ver } = account
    const accessToken = signHs256(
      {
        iss: ISSUER,
        sub: userId,
        iat: now,
        exp: now + accessTokenTtlSeconds,
        ver,
        role,
        driverId,
        name,
        email,
      },
      this.options.secret,
    )
    const refreshToken = randomBytes(32).toString('base64url')
    await insertRefreshToken(sql, {
      userId,
      familyId,
      tokenHash: hashToken(refreshToken),
      expiresAt: new Date(Date.now() + refreshTokenTtlDays * 86_400_000),
    })
    return { accessToken, tokenType: 'Bearer', expiresIn: accessTokenTtlSeconds, refreshToken }
  }
}

/** The signed-in user as the database has them now, or null when gone or disabled. */
export async function principalOf(sql: Queryable, userId: string): Promise<Principal | null> {
  const account = await findAccount(sql, userId)
  return account && !account.disabledAt ? principalFrom(account) : null
}

export function principalFrom({ id, role, driverId, name, email }: Account): Principal {
  return { userId: id, role, driverId, name, email }
}

/** The holder a verified token names, or null for claims that do not make one. */
function principalIn(claims: Claims): Principal | null {
  const { sub, role, driverId, name, email } = claims
  if (typeof sub !== 'string' || typeof name !== 'string' || typeof email !== 'string') return null
  if (!ROLES.includes(role as Role)) return null
  if (driverId !== null && typeof driverId !== 'string') return null
  return { userId: sub, role: role as Role, driverId, name, email }
}

// Refresh tokens are 256 random bits: a plain hash is enough, no salt or stretching needed.
function hashToken(token: string) {
  return createHash('sha256').update(token).digest('hex')
}
