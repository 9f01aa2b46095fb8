import type { Config } from '@dropmate/core'
import { ProblemError } from '@dropmate/runtime'
import { z } from '@hono/zod-openapi'
import { text } from '../fields'

/** A person's name, as every kind of account has one: a driver signs up like anyone else. */
export const PersonName = text({ max: 200 })

/** Long enough to resist guessing; no composition rules (NIST SP 800-63B §5.1.1). */
export const NewPassword = z
  .string()
  .min(10, 'must be at least 10 characters')
  .max(1024)
  .openapi({ description: 'Local auth mode only' })

/**
 * The password a new account gets: local sign-in needs one to check; Firebase keeps its own
 * and never sees ours, so one given there is a mistake worth reporting.
 */
export function passwordForMode(config: Pick<Config, 'AUTH_MODE'>, password: string | undefined) {
  const local = config.AUTH_MODE === 'local'
  if (local === (password !== undefined)) return password ?? null
  const message = local ? 'required with local sign-in' : 'not used with Firebase sign-in'
  throw new ProblemError(400, 'invalid_request', `body.password: ${message}`, {
    errors: [{ field: 'body.password', message }],
  })
}
