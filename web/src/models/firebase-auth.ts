import { ApiError } from '../api/http'
import type { AppConfig } from '../config'

type FirebaseEndpoints = NonNullable<AppConfig['firebase']>

/**
 * Firebase Authentication by its REST API (accounts:signInWithPassword and the secure token
 * endpoint), which is all an email-and-password sign-in needs: the Firebase JS SDK would add
 * far more to the bundle than this page weighs.
 */
export async function firebaseSignIn(firebase: FirebaseEndpoints, email: string, password: string) {
  const answer = await post(
    `${firebase.identityUrl}/v1/accounts:signInWithPassword?key=${firebase.apiKey}`,
    'application/json',
    JSON.stringify({ email, password, returnSecureToken: true }),
  )
  return {
    accessToken: String(answer.idToken),
    refreshToken: String(answer.refreshToken),
    expiresAt: Date.now() + Number(answer.expiresIn) * 1000,
  }
}

export async function firebaseRefresh(firebase: FirebaseEndpoints, refreshToken: string) {
  const answer = await post(
    `${firebase.tokenUrl}/v1/token?key=${firebase.apiKey}`,
    'application/x-www-form-urlencoded',
    new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken }).toString(),
  )
  return {
    accessToken: String(answer.id_token),
    refreshToken: String(answer.refresh_token),
    expiresAt: Date.now() + Number(answer.expires_in) * 1000,
  }
}

async function post(url: string, contentType: string, body: string) {
  let response: Response
  try {
    response = await fetch(url, { method: 'POST', headers: { 'content-type': contentType }, body })
  } catch {
    throw new ApiError(0, 'network_error', 'Firebase cannot be reached. Check the connection.')
  }
  const answer = (await response.json().catch(() => ({}))) as Record<string, unknown>
  if (response.ok) return answer
  const reason = String((answer.error as { message?: string } | undefined)?.message ?? '')
  if (/INVALID_LOGIN_CREDENTIALS|INVALID_PASSWORD|EMAIL_NOT_FOUND|USER_DISABLED/.test(reason)) {
    throw new ApiError(401, 'invalid_credentials', 'The email or password is not right.')
  }
  if (/TOO_MANY_ATTEMPTS/.test(reason)) {
    throw new ApiError(429, 'rate_limited', 'Too many attempts. Wait a minute and try again.')
  }
  throw new ApiError(response.status, 'firebase_error', 'Signing in with Firebase failed.')
}
