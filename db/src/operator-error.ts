import { ConfigError } from '@dropmate/core'
import { DataDirLockedError } from './data-dir-lock'
import { MigrationError } from './migrations'

/**
 * Start-up failures the operator fixes by changing settings or data, not code: shown as
 * their message alone, without a stack trace to wade through.
 */
export function isOperatorError(error: unknown): error is Error {
  return [ConfigError, DataDirLockedError, MigrationError].some((type) => error instanceof type)
}
