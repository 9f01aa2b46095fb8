import { ProblemError } from '@dropmate/runtime'
import type { Redis } from 'ioredis'
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible'

export interface RateLimit {
  /** Counts one attempt for `key`; throws a 429 problem once the budget is spent. */
  consume(key: string): Promise<void>
  /** Throws the 429 when `key` has spent its budget, without counting this attempt. */
  assertAllowed(key: string): Promise<void>
  /** Forgets `key`'s attempts (a correct password ends a run of failures). */
  reset(key: string): Promise<void>
}

/**
 * A fixed budget of `points` per `durationSeconds` per key: in Redis when there is one, so
 * every replica shares the count, in memory otherwise (one process, one count).
 */
export function createRateLimit(options: {
  name: string
  points: number
  durationSeconds: number
  redis?: Redis | undefined
}): RateLimit {
  const settings = {
    keyPrefix: `rl:${options.name}`,
    points: options.points,
    duration: options.durationSeconds,
  }
  const limiter = options.redis
    ? new RateLimiterRedis({
        ...settings,
        storeClient: options.redis,
        // A Redis outage must not lock every customer out of tracking.
        insuranceLimiter: new RateLimiterMemory(settings),
      })
    : new RateLimiterMemory(settings)
  return {
    async consume(key) {
      try {
        await limiter.consume(key)
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) throw rejection
        throw tooManyRequests(rejection.msBeforeNext)
      }
    },
    async assertAllowed(key) {
      const spent = await limiter.get(key)
      if (spent && spent.consumedPoints >= options.points) throw tooManyRequests(spent.msBeforeNext)
    },
    async reset(key) {
      await limiter.delete(key)
    },
  }
}

/** The 429 problem, saying in Retry-After when the budget is back. */
export function tooManyRequests(msBeforeNext: number) {
  const retryAfter = Math.max(1, Math.ceil(msBeforeNext / 1000))
  return new ProblemError(
    'rate_limited',
    `Too many requests; try again in ${retryAfter} s.`,
    {},
    { 'retry-after': String(retryAfter) },
  )
}
