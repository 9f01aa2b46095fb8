import {
  findAccount,
  insertRefreshToken,
  revokeRefreshFamily,
  spendRefreshToken,
} from '@dropmate/db'
import type { Queryable, Sql } from '@dropmate/db'
import { createHash, randomBytes, randomUUID, webcrypto } from 'node:crypto'
import { sign, verify } from 'hono/jwt'
import type { Authenticator, Principal } from './principal'

export interface LocalAuthOptions {
  sql: Sql
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

/**
 * Local accounts (the self-hosted default): short-lived HS256 access tokens and rotating
 * refresh tokens. The role is read from the database on every request, so a demoted or
 * disabled user loses access at once, not when their token expires.
 */
export class LocalAuth implements Authenticator {
  private key?: Promise<webcrypto.CryptoKey>

  constructor(private readonly options: LocalAuthOptions) {}

  async principalFor(token: string): Promise<Principal | null> {
    const claims = await verify(token, await this.signingKey(), 'HS256').catch(() => null)
    if (!claims || claims.iss !== ISSUER || typeof claims.sub !== 'string') return null
    return principalOf(this.options.sql, claims.sub)
  }

  /** A new session: a fresh refresh-token family. */
  issue(sql: Queryable, userId: string): Promise<TokenPair> {
    return this.tokensFor(sql, userId, randomUUID())
  }

  /**
   * Trades a refresh token for a new pair. A token used twice means it was copied: the whole
   * family is revoked and both holders must sign in again (OAuth 2.0 Security BCP §4.14).
   */
  async refresh(
    sql: Sql,
    refreshToken: string,
  ): Promise<{ pair: TokenPair; userId: string } | null> {
    const spent = await spendRefreshToken(sql, hashToken(refreshToken))
    if (!spent) return null
    const { token, fresh } = spent
    if (!fresh) {
      await revokeRefreshFamily(sql, token.familyId)
      return null
    }
    if (token.revokedAt || token.expiresAt <= new Date()) return null
    if (!(await principalOf(sql, token.userId))) return null
    return { pair: await this.tokensFor(sql, token.userId, token.familyId), userId: token.userId }
  }

  /** Ends the session the refresh token belongs to. */
  async logout(sql: Sql, refreshToken: string): Promise<void> {
    const spent = await spendRefreshToken(sql, hashToken(refreshToken))
    if (spent) await revokeRefreshFamily(sql, spent.token.familyId)
  }

  private async tokensFor(sql: Queryable, userId: string, familyId: string): Promise<TokenPair> {
    const { accessTokenTtlSeconds, refreshTokenTtlDays } = this.options
    const now = Math.floor(Date.now() / 1000)
    const accessToken = await sign(
      { iss: ISSUER, sub: userId, iat: now, exp: now + accessTokenTtlSeconds },
      await this.signingKey(),
      'HS256',
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

  /**
   * The secret as a WebCrypto key, imported once: hono/jwt imports a string secret on every
   * call, which was an eighth of a ping's CPU (measured by npm run bench). Imported on first
   * use: loading WebCrypto (about 4 ms) is no part of a public function's cold start.
   */
  private signingKey(): Promise<webcrypto.CryptoKey> {
    this.key ??= webcrypto.subtle.importKey(
      'raw',
      new TextEncoder().encode(this.options.secret),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign', 'verify'],
    )
    return this.key
  }
}

/** The signed-in user, or null when the account is gone or disabled. */
export async function principalOf(sql: Queryable, userId: string): Promise<Principal | null> {
  const account = await findAccount(sql, userId)
  if (!account || account.disabledAt) return null
  const { id, role, driverId, name, email } = account
  return { userId: id, role, driverId, name, email }
}

// Refresh tokens are 256 random bits: a plain hash is enough, no salt or stretching needed.
function hashToken(token: string) {
  return createHash('sha256').update(token).digest('hex')
}
