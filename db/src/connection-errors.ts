/**
 * How long queries are refused at once after the server was found unreachable, before one
 * probe tries again, and so what Retry-After tells clients: short enough that a restart is
 * noticed within a second, long enough that an outage costs no connection per request.
 */
export const DATABASE_RETRY_AFTER_MS = 1_000

/**
 * Thrown instead of connecting while the database was just found unreachable: the query
 * fails at once rather than waiting on a connection that cannot be made.
 */
export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError'
  readonly code = 'DATABASE_UNAVAILABLE'
  constructor(readonly reason: string) {
    super(`The database is unreachable (${reason}); not trying again yet.`)
  }
}

/** postgres.js's own codes for a connection that failed or went away, and the one above. */
const CLIENT_CODES = [
  'DATABASE_UNAVAILABLE',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
]

/** Node's socket errors for a server that is not there or stopped answering. */
const SOCKET_CODES = [
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]

/**
 * SQLSTATEs of a server that is shutting down, starting, or out of connections
 * (postgresql.org/docs/current/errcodes-appendix.html). Class 08 is matched as a whole.
 */
const SERVER_CODES = [
  '57P01', // admin_shutdown: a fast or immediate stop, or a failover
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up or in recovery
  '53300', // too_many_connections
]

const UNAVAILABLE = new Set([...CLIENT_CODES, ...SOCKET_CODES, ...SERVER_CODES])

/**
 * Whether an error says the database could not be reached or dropped the connection, as
 * opposed to a query it refused: the request may succeed later unchanged.
 *
 * @example
 * if (isDatabaseUnavailable(error)) return problem(c, 'database_unavailable', ...)
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const code = codeOf(error)
  if (code === undefined) return false
  return UNAVAILABLE.has(code) || code.startsWith('08')
}

function codeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined
  const { code } = error as { code?: unknown }
  if (typeof code === 'string') return code
  // net.connect to a name with several addresses fails with one error per address.
  if (error instanceof AggregateError) return codeOf(error.errors[0])
  return undefined
}
