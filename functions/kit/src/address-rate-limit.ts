import { logger } from '@dropmate/runtime'
import type { Redis } from 'ioredis'
import { createRateLimit, tooManyRequests, type RateLimit } from './rate-limit'

/** Counts each replica's increments into the shared total and answers the new total. */
const ADD_TO_TALLY = `
local total = redis.call('INCRBY', KEYS[1], ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return total
`

// How often a replica adds its counts to Redis and reads back the others'.
const SYNC_EVERY_MS = 150
// A shared total read longer ago than this is read again before it decides a request. Busy
// addresses are re-read by every sync (with room for a late timer on a loaded machine); one
// that comes back after a pause pays one round trip.
const FRESH_FOR_MS = 400

interface Tally {
  /** The total across replicas as Redis last answered it (our synced counts included). */
  shared: number
  /** Counted here, not yet sent. */
  pending: number
  /** Sent, not yet answered. */
  sending: number
  readAt: number
  /** The read a stale tally waits for, shared by the requests that found it stale. */
  reading?: Promise<void> | undefined
}

type Sync = (key: string, tally: Tally) => Promise<void>

/**
 * A per-address budget of `points` per `durationSeconds` for a hot path: each replica counts
 * in memory and, every SYNC_EVERY_MS while it counted anything, adds its counts to one Redis
 * key per address and window and reads back the total. It refuses once that total plus what
 * it counted since reaches the budget. Windows are aligned to the clock, so every replica
 * counts into the same key; Retry-After is the time to the next window.
 *
 * The bound: a replica decides on a shared total at most FRESH_FOR_MS old (plus a Redis
 * reply), so with N replicas one address gets past the budget by at most what it gets through
 * the other N - 1 replicas in FRESH_FOR_MS, and each replica still stops at the budget by its
 * own count. Sequential requests spaced wider than that see the budget exactly. While Redis
 * is away each replica counts alone (the budget holds per replica), as the insurance limiter
 * of the Redis-backed limit does. Without Redis it is the in-memory limit, as createRateLimit.
 *
 * @example
 * const perAddress = createAddressRateLimit({ name: 'track', points: 60, durationSeconds: 60, redis })
 * await perAddress.consume(clientAddress(c, trustProxy)) // throws the 429 problem
 */
export function createAddressRateLimit(options: {
  name: string
  points: number
  durationSeconds: number
  redis?: Redis | undefined
}): Pick<RateLimit, 'consume'> & { close(): void } {
  const { redis, points } = options
  if (!redis) return { ...createRateLimit(options), close: () => {} }
  const windowMs = options.durationSeconds * 1_000
  let window = { id: -1, tallies: new Map<string, Tally>() }
  let timer: NodeJS.Timeout | undefined

  const sync: Sync = async (key, tally) => {
    const adding = tally.pending
    tally.pending = 0
    tally.sending += adding
    try {
      const total = await redis.eval(ADD_TO_TALLY, 1, key, adding, windowMs * 2)
      tally.shared = Number(total)
      tally.readAt = Date.now()
    } catch (error) {
      // Counted again with the next sync; meanwhile this replica's own count still limits.
      tally.pending += adding
      tally.readAt = Date.now()
      logger.warn({ err: error }, 'rate limit counts not shared, counting in memory')
    } finally {
      tally.sending -= adding
    }
  }
  const refresh = (key: string, tally: Tally) =>
    (tally.reading ??= sync(key, tally).finally(() => (tally.reading = undefined)))
  const syncAll = async () => {
    timer = undefined
    const { id, tallies } = window
    const waiting = [...tallies].filter(([, tally]) => tally.pending > 0)
    await Promise.all(waiting.map(([address, tally]) => sync(tallyKey(id, address), tally)))
  }

  return {
    async consume(address) {
      const now = Date.now()
      const id = Math.floor(now / windowMs)
      // Counts of a past window are done with: Redis expires their keys.
      if (id !== window.id) window = { id, tallies: new Map() }
      let tally = window.tallies.get(address)
      if (!tally) {
        tally = { shared: 0, pending: 0, sending: 0, readAt: 0 }
        window.tallies.set(address, tally)
      }
      if (now - tally.readAt > FRESH_FOR_MS) await refresh(tallyKey(id, address), tally)
      if (tally.shared + tally.sending + tally.pending >= points) {
        throw tooManyRequests((id + 1) * windowMs - Date.now())
      }
      tally.pending += 1
      timer ??= setTimeout(() => void syncAll(), SYNC_EVERY_MS).unref()
    },
    close() {
      clearTimeout(timer)
    },
  }

  function tallyKey(id: number, address: string) {
    return `rl:${options.name}:${id}:${address}`
  }
}
