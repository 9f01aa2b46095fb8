import { Redis } from 'ioredis'

/**
 * A client built as functions/kit/src/redis.ts builds a process's one client (the one the
 * ingress and the dispatcher Deployment append and read with): auto-pipelining on, one retry.
 */
export function brokerRedis(url: string, keyPrefix: string): Redis {
  const redis = new Redis(url, {
    keyPrefix,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    enableAutoPipelining: true,
  })
  // Failures reach the waiting command; without a listener ioredis would also print them.
  redis.on('error', () => {})
  return redis
}
