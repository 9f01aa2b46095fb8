import { computed, signal } from '@preact/signals'
import { ApiError, http, type RequestOptions } from '../api/http'
import type { Account, Tokens } from '@dropmate/contracts/rest'
import { appConfig } from '../config'
import { firebaseRefresh, firebaseSignIn } from './firebase-auth'
import { forgetKeptDeliveries } from './kept-deliveries'

export interface Session {
  mode: 'local' | 'firebase'
  accessToken: string
  refreshToken: string
  /** Epoch ms when the access token stops working. */
  expiresAt: number
  account: Account
}

const KEY = 'dropmate.session'
// Refresh a little early, so a request never leaves with a token about to expire.
const EARLY_MS = 30_000

function stored(): Session | null {
  try {
    return JSON.parse(localStorage.getItem(KEY) ?? 'null') as Session | null
  } catch {
    return null
  }
}

export const session = signal<Session | null>(stored())
export const account = computed(() => session.value?.account ?? null)

function keep(next: Session | null) {
  session.value = next
  if (next) localStorage.setItem(KEY, JSON.stringify(next))
  else localStorage.removeItem(KEY)
}

// Signing in or out in another tab does so here too.
addEventListener('storage', (event) => {
  if (event.key === KEY) session.value = stored()
})

/** Signs in with email and password, by the deployment's auth mode; throws ApiError. */
export async function signIn(email: string, password: string): Promise<Account> {
  const config = await appConfig()
  if (config.authMode === 'firebase' && config.firebase) {
    const tokens = await firebaseSignIn(config.firebase, email, password)
    const me = await http<Account>('/api/me', { token: tokens.accessToken })
    keep({ mode: 'firebase', ...tokens, account: me })
    return me
  }
  const tokens = await http<Tokens>('/api/auth/login', {
    method: 'POST',
    json: { email, password },
  })
  keep(fromTokens(tokens))
  return tokens.account
}

export async function signOut() {
  const current = session.peek()
  keep(null)
  forgetKeptDeliveries()
  if (current?.mode === 'local') {
    await http('/api/auth/logout', { method: 'POST', json: { refreshToken: current.refreshToken } })
      // The session is gone here either way; the server forgets the token within its TTL.
      .catch(() => {})
  }
}

function fromTokens(tokens: Tokens): Session {
  return {
    mode: 'local',
    accessToken: tokens.accessToken,
    refreshToken: tokens.refreshToken,
    expiresAt: Date.now() + tokens.expiresIn * 1000,
    account: tokens.account,
  }
}

let refreshing: Promise<string> | undefined

/** A current access token, refreshed when it is about to expire; null when signed out. */
export async function accessToken({ force = false } = {}): Promise<string | null> {
  const current = session.peek()
  if (!current) return null
  if (!force && current.expiresAt - Date.now() > EARLY_MS) return current.accessToken
  refreshing ??= refreshOnce(current).finally(() => (refreshing = undefined))
  return refreshing
}

/**
 * Refresh tokens work once and a replayed one ends the session, so tabs take turns (Web
 * Locks, where the browser has them) and a tab that waited uses what the other one got.
 */
async function refreshOnce(seen: Session): Promise<string> {
  const run = async () => {
    const latest = stored()
    if (latest && latest.refreshToken !== seen.refreshToken) {
      session.value = latest
      return latest.accessToken
    }
    try {
      const next =
        seen.mode === 'firebase'
          ? await refreshFirebase(seen)
          : fromTokens(
              await http<Tokens>('/api/auth/refresh', {
                method: 'POST',
                json: { refreshToken: seen.refreshToken },
              }),
            )
      keep(next)
      return next.accessToken
    } catch (error) {
      if (error instanceof ApiError && (error.status === 400 || error.status === 401)) keep(null)
      throw error
    }
  }
  return navigator.locks ? navigator.locks.request('dropmate.refresh', run) : run()
}

async function refreshFirebase(seen: Session): Promise<Session> {
  const { firebase } = await appConfig()
  if (!firebase) throw new ApiError(401, 'session_expired', 'Sign in again.')
  return { ...seen, ...(await firebaseRefresh(firebase, seen.refreshToken)) }
}

/**
 * An API call as the signed-in user. A 401 gets one fresh token and a second try; after
 * that the session is over and the caller gets the error.
 */
export async function authed<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const token = await accessToken()
  if (!token) throw new ApiError(401, 'signed_out', 'Sign in to continue.')
  try {
    return await http<T>(path, { ...options, token })
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 401) throw error
    const fresh = await accessToken({ force: true })
    if (!fresh) throw error
    return http<T>(path, { ...options, token: fresh })
  }
}

/** Where each role starts. */
export function homeOf(role: Account['role']): string {
  return role === 'driver' ? '/driver' : '/'
}
