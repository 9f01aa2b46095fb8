import { isRedisOutage, logger } from '@dropmate/runtime'
import { Redis } from 'ioredis'

// Tries to reconnect at most this far apart: the client is back soon after Redis is.
const MAX_RECONNECT_DELAY_MS = 500
// Bounds a command on a connection that stopped answering without closing (a network that
// drops packets); Redis answers ours in milliseconds.
const COMMAND_TIMEOUT_MS = 1_000

/**
 * The one Redis client of a process. It connects with its first command, which waits for
 * the connection: a function whose requests never touch Redis never opens one, and a cold
 * start no longer connects before it answers (about 9 ms of CPU of track-shipment's first
 * 200, measured on Node 24). During an outage commands fail at once (see failFastWhileAway),
 * and those in flight when the connection drops fail with it (maxRetriesPerRequest 0), so
 * callers fall back (cache, rate limit) or answer 503 without waiting for Redis. Long-lived
 * readers (blocking reads, subscriptions) take a `duplicate()` with their own settings.
 */
export function createRedis(url: string, keyPrefix: string): Redis {
  const redis = new Redis(url, {
    keyPrefix,
    maxRetriesPerRequest: 0,
    retryStrategy: (attempt) => Math.min(attempt * 50, MAX_RECONNECT_DELAY_MS),
    connectTimeout: COMMAND_TIMEOUT_MS,
    commandTimeout: COMMAND_TIMEOUT_MS,
    lazyConnect: true,
    // Commands issued in the same tick share one write: the rate limit and the tracking
    // cache of concurrent lookups stop paying a socket write each (measured by npm run bench).
    enableAutoPipelining: true,
  })
  // ioredis reconnects by itself; without a listener each failed try is an unhandled error.
  redis.on('error', (error: Error) => logger.warn({ err: error }, 'redis unavailable'))
  return failFastWhileAway(redis)
}

/**
 * Once `redis` has connected, a command sent while it is away fails at once instead of
 * waiting in ioredis's offline queue for the next reconnect try (measured here: 10-12 s into
 * an outage, with ioredis's default back-off). Until then the queue stays: a lazy client's
 * first command waits for its connection. Copies made later by `duplicate()` inherit the
 * switched option: give them `enableOfflineQueue` explicitly.
 */
export function failFastWhileAway(redis: Redis): Redis {
  redis.once('ready', () => {
    redis.options.enableOfflineQueue = false
  })
  return redis
}

/**
 * For `/ready`: Redis answers. Fails at once during an outage (see failFastWhileAway),
 * saying so rather than with ioredis's words for it.
 */
export function redisAnswers(redis: Redis) {
  return async () => {
    await redis.ping().catch((error: unknown) => {
      if (!isRedisOutage(error)) throw error
      throw new Error(`unreachable (connection ${redis.status})`, { cause: error })
    })
  }
}
