import {
  clientAddress,
  createRateLimit,
  Email,
  json,
  jsonBody,
  principalOf,
  problems,
  PUBLIC,
  verbatim,
  type ApiDeps,
} from '@dropmate/kit'
import { hashPassword, verifyPassword } from '@dropmate/core'
import { findUserByEmail } from '@dropmate/db'
import { createApiApp, ProblemError } from '@dropmate/runtime'
import { createRoute, z } from '@hono/zod-openapi'
import { accountOf } from '../account'
import { TokensSchema } from '../schemas'

const LoginBody = z.strictObject({
  email: Email,
  password: verbatim(z.string().min(1).max(1024)),
})

export const route = createRoute({
  method: 'post',
  path: '/api/auth/login',
  operationId: 'login',
  summary: 'Sign in with email and password (local auth mode)',
  security: PUBLIC,
  request: { body: jsonBody(LoginBody) },
  responses: {
    200: json(TokensSchema, 'Signed in'),
    ...problems(400, 401, 404, 413, 415, 429),
  },
})

// Compared against when the email is unknown, so both answers take the same scrypt time.
// Made on the first login, not at import: every function's cold start would pay for it.
let decoy: Promise<string> | undefined
const decoyHash = () => (decoy ??= hashPassword('decoy password that no account has'))

export function login(deps: ApiDeps) {
  // Failed attempts per address and account: slows guessing one password, while staff
  // behind one shop's NAT who type theirs right are never held back.
  const failures = createRateLimit({
    name: 'login',
    points: deps.config.LOGIN_FAILURES_PER_15_MINUTES,
    durationSeconds: 15 * 60,
    redis: deps.redis,
  })
  return createApiApp().openapi(route, async (c) => {
    const { localAuth, sql, config } = deps
    if (!localAuth) {
      throw new ProblemError('local_login_disabled', 'This server signs in with Firebase.')
    }
    const { email, password } = c.req.valid('json')
    const attempt = `${clientAddress(c, config.TRUST_PROXY)}:${email.toLowerCase()}`
    await failures.assertAllowed(attempt)
    const user = await findUserByEmail(sql, email)
    const matches = await verifyPassword(user?.passwordHash ?? (await decoyHash()), password)
    const principal = user && matches ? await principalOf(sql, user.id) : null
    if (!principal) {
      await failures.consume(attempt)
      throw new ProblemError('invalid_credentials', 'Wrong email or password.')
    }
    await failures.reset(attempt)
    const tokens = await localAuth.issue(sql, principal.userId)
    return c.json({ ...tokens, account: accountOf(principal) }, 200)
  })
}
