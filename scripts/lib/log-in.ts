import type { Tokens } from '@dropmate/contracts/rest'
import { ApiError, send } from './api-client'

export interface Credentials {
  email: string
  password: string
}

/**
 * Logs in with email and password (local auth mode). Rejects with an ApiError (`401
 * invalid_credentials`, ...) when refused, a NetworkError when unanswered.
 *
 * @example
 * const { accessToken, account } = await logIn(url, { email, password: 'dropmate-demo' })
 */
export async function logIn(baseUrl: string, credentials: Credentials): Promise<Tokens> {
  const reply = await send(baseUrl, { method: 'POST', path: '/api/auth/login', json: credentials })
  if (reply.status !== 200) throw new ApiError(`log in as ${credentials.email}`, reply)
  return reply.body as Tokens
}
