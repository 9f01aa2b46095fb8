import type { Outage } from './database-outage'

// What ioredis rejects a command with when it cannot reach Redis: the offline queue flushed
// (MaxRetriesPerRequestError), the connection gone, no connection and no offline queue, or
// no answer within commandTimeout.
const OUTAGE_NAMES = new Set(['MaxRetriesPerRequestError'])
const OUTAGE_MESSAGES = new Set([
  'Connection is closed.',
  "Stream isn't writeable and enableOfflineQueue options is false",
  'Command timed out',
])
// Replies of a Redis that is there but cannot serve yet: loading its data after a restart,
// a replica promoted mid-failover, a primary it lost.
const OUTAGE_REPLIES = /^(LOADING|READONLY|MASTERDOWN|TRYAGAIN|CLUSTERDOWN)\b/

/** Whether `error` says Redis is unreachable for now, rather than that the command was wrong. */
export function isRedisOutage(error: unknown): boolean {
  if (!(error instanceof Error)) return false
  return (
    OUTAGE_NAMES.has(error.name) ||
    OUTAGE_MESSAGES.has(error.message) ||
    OUTAGE_REPLIES.test(error.message) ||
    isRedisOutage(error.cause)
  )
}

/**
 * What to answer for a request that needed Redis while it is away: a 503 with Retry-After, so
 * clients and the broker try again shortly instead of treating it as a fault of ours.
 * Undefined for every other error.
 */
export function redisOutage(error: unknown): Outage | undefined {
  if (!isRedisOutage(error)) return undefined
  return {
    code: 'redis_unavailable',
    detail: 'A service this needs is briefly unavailable; try again shortly.',
    retryAfterSeconds: 1,
    logged: 'redis unavailable',
  }
}
