import type { Config } from '@dropmate/core'
import { z } from '@hono/zod-openapi'
import { text, verbatim } from '../fields'

/** A person's name, as every kind of account has one: a driver signs up like anyone else. */
export const PersonName = text({ max: 200 })

/** Long enough to resist guessing; no composition rules (NIST SP 800-63B §5.1.1). */
export const NewPassword = verbatim(z.string().min(10, 'must be at least 10 characters').max(1024))

type WithPassword<T extends z.ZodRawShape> = z.ZodObject<
  T & { password: z.ZodOptional<typeof NewPassword> },
  z.core.$strict
>

/**
 * A new account's body with the password the sign-in mode needs, so each server's document
 * says which: required in local mode, where DropMate checks it; an unknown field with
 * Firebase, which keeps its own and never sees ours.
 *
 * @example
 * const NewUserBody = accountBody({ email: Email, name: PersonName }, deps.config)
 */
export function accountBody<T extends z.ZodRawShape>(
  shape: T,
  config: Pick<Config, 'AUTH_MODE'>,
): WithPassword<T> {
  const body =
    config.AUTH_MODE === 'local'
      ? z.strictObject({ ...shape, password: NewPassword })
      : z.strictObject(shape)
  // Typed for both modes: which one a server runs is its configuration's choice.
  return body as unknown as WithPassword<T>
}
