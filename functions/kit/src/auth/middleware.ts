import type { Role } from '@dropmate/core'
import { ProblemError } from '@dropmate/runtime'
import { createMiddleware } from 'hono/factory'
import type { ApiEnv } from '../env'
import type { Authenticator } from './principal'

const BEARER = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/

/**
 * Requires a valid bearer token (and, when given, one of `roles`) and puts the caller in
 * `c.var.actor`. 401 without a usable token, 403 for a role the route does not serve.
 *
 * @example
 * app.use('/api/drivers', requireAuth(auth, ['admin', 'dispatcher']))
 */
export function requireAuth(auth: Authenticator, roles?: readonly Role[]) {
  return createMiddleware<ApiEnv>(async (c, next) => {
    const header = c.req.header('authorization')
    if (!header) throw unauthenticated('missing_token', 'Sign in and send the access token.')
    const token = BEARER.exec(header)?.[1]
    const principal = token ? await auth.principalFor(token) : null
    if (!principal)
      throw unauthenticated('invalid_token', 'The access token is invalid or expired.')
    if (roles && !roles.includes(principal.role)) {
      throw new ProblemError('forbidden_role', `This needs one of: ${roles.join(', ')}.`)
    }
    c.set('actor', principal)
    await next()
  })
}

function unauthenticated(code: 'missing_token' | 'invalid_token', detail: string) {
  // RFC 6750 §3: tell the client which scheme to use.
  return new ProblemError(code, detail, {}, { 'www-authenticate': 'Bearer realm="dropmate"' })
}
