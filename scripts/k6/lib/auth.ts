import { check, fail } from 'k6'
import type { Response } from 'k6/http'
import { api, jsonOf } from './api.ts'
import type { Credentials } from './config.ts'

/** A signed-in account, as `POST /api/auth/login` (functions/auth) answers. */
export interface Session {
  email: string
  role: string
  /** The account's driver record, for drivers. */
  driverId: string | null
  token: string
  refreshToken: string
  /** When the access token stops counting, in epoch milliseconds. */
  expiresAt: number
}

interface Tokens {
  accessToken: string
  expiresIn: number
  refreshToken: string
  account: { email: string; role: string; driverId: string | null }
}

// Each VU is its own JavaScript runtime, so these are the sessions of this VU alone: it signs
// in once per account and refreshes from then on, as a real client does.
const sessions: Record<string, Session> = {}

// Access tokens live 15 minutes by default (ACCESS_TOKEN_TTL_SECONDS); a session is renewed
// while it still has this long to go, so no request carries a token about to lapse.
const RENEW_BEFORE_MS = 2 * 60_000

/**
 * The account's session, signing in on first use and renewing its tokens when they near
 * expiry. Fails the iteration (the setup, in setup()) when the account cannot sign in.
 *
 * @example
 * const dispatcher = session(DISPATCHER)
 * api('GET', '/api/shipments', { endpoint: 'list', token: dispatcher.token })
 */
export function session(credentials: Credentials): Session {
  const held = sessions[credentials.email]
  if (held && held.expiresAt - Date.now() > RENEW_BEFORE_MS) return held
  const renewed = held ? refresh(held) : null
  const current = renewed ?? signIn(credentials)
  sessions[credentials.email] = current
  return current
}

function signIn({ email, password }: Credentials): Session {
  const res = api('POST', '/api/auth/login', { endpoint: 'login', json: { email, password } })
  const tokens = tokensOf(res)
  if (!check(res, { 'signed in': () => tokens !== null })) {
    fail(`${email} cannot sign in: ${res.status} ${String(res.body).slice(0, 200)}`)
  }
  return sessionOf(tokens!)
}

/** New tokens for an old session; null when the refresh token no longer works. */
function refresh(held: Session): Session | null {
  const res = api('POST', '/api/auth/refresh', {
    endpoint: 'refresh',
    json: { refreshToken: held.refreshToken },
  })
  const tokens = tokensOf(res)
  check(res, { 'tokens refreshed': () => tokens !== null })
  return tokens && sessionOf(tokens)
}

function tokensOf(res: Response): Tokens | null {
  return res.status === 200 ? jsonOf<Tokens>(res) : null
}

function sessionOf({ accessToken, expiresIn, refreshToken, account }: Tokens): Session {
  return {
    email: account.email,
    role: account.role,
    driverId: account.driverId,
    token: accessToken,
    refreshToken,
    expiresAt: Date.now() + expiresIn * 1000,
  }
}
