import type { ProblemCode } from '@dropmate/contracts/problems'
import { DATABASE_RETRY_AFTER_MS, isDatabaseUnavailable } from '@dropmate/db/errors'

/** A dependency that is away for now: what the 503 says, and what the log says. */
export interface Outage {
  code: ProblemCode
  detail: string
  /** For Retry-After (RFC 9110 §10.2.3), in whole seconds. */
  retryAfterSeconds: number
  /** The warning's message: the request is fine, and will be served once the dependency is. */
  logged: string
}

/**
 * What to answer for a request that failed because the database could not be reached or
 * dropped its connection: a 503 the client may retry, never a 500 blaming the request.
 * Undefined for every other error.
 */
export function databaseOutage(error: unknown): Outage | undefined {
  if (!isDatabaseUnavailable(error)) return undefined
  return {
    code: 'database_unavailable',
    detail: 'The database is not reachable right now; try again shortly.',
    retryAfterSeconds: Math.ceil(DATABASE_RETRY_AFTER_MS / 1000),
    logged: 'database unavailable',
  }
}
