import { Redis } from 'ioredis'

/**
 * The one Redis client of a process. Requests fail fast while Redis is down instead of
 * queueing without bound, so callers can fall back (cache) or answer 503.
 */
export function createRedis(url: string): Redis {
  return new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    connectTimeout: 2_000,
  })
}
