import { logger } from '@dropmate/runtime'
import type { Redis, Result } from 'ioredis'
import { createRateLimit, tooManyRequests, type RateLimit } from './rate-limit'

declare module 'ioredis' {
  interface RedisCommander<Context> {
    addToTallies(...args: (string | number)[]): Result<unknown, Context>
  }
}

/**
 * Adds each replica's counts into the shared totals, KEYS[i] taking ARGV[i + 1], and answers
 * the new totals in the same order; ARGV[1] is how long a total outlives its last count.
 */
const ADD_TO_TALLIES = `
local totals = {}
for i, key in ipairs(KEYS) do
  totals[i] = redis.call('INCRBY', key, ARGV[i + 1])
  redis.call('PEXPIRE', key, ARGV[1])
end
return totals
`
// Addresses one script call carries at most: Redis runs nothing else while a script runs.
const MAX_ADDRESSES_PER_CALL = 500

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

/**
 * A per-address budget of `points` per `durationSeconds` for a hot path: each replica counts
 * in memory and, every SYNC_EVERY_MS while it counted anything, adds its counts to one Redis
 * key per address and window and reads back the total. It refuses once that total plus what
 * it counted since reaches the budget. Windows are aligned to the clock, so every replica
 * counts into the same key; Retry-After is the time to the next window.
 *
 * A sync is one script call for every address it carries (up to MAX_ADDRESSES_PER_CALL), and
 * the stale totals that the requests of one turn of the event loop wait for are read in one
 * call: many customers, each looking once, cost Redis a call a busy turn and a call a sync,
 * not two calls each.
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

  // EVALSHA from the second call on: the script is not sent with every sync.
  redis.defineCommand('addToTallies', { lua: ADD_TO_TALLIES })

  /** Adds what these tallies counted to Redis and reads back their totals; never rejects. */
  const share = async (tallies: ReadonlyMap<string, Tally>) => {
    const entries = [...tallies]
    const calls = []
    for (let i = 0; i < entries.length; i += MAX_ADDRESSES_PER_CALL) {
      calls.push(shareBatch(entries.slice(i, i + MAX_ADDRESSES_PER_CALL)))
    }
    await Promise.all(calls)
  }
  const shareBatch = async (batch: Array<[string, Tally]>) => {
    const adding = batch.map(([, tally]) => tally.pending)
    batch.forEach(([, tally], i) => {
      tally.pending = 0
      tally.sending += adding[i]!
    })
    const keys = batch.map(([key]) => key)
    try {
      const totals = (await redis.addToTallies(
        keys.length,
        ...keys,
        windowMs * 2,
        ...adding,
      )) as number[]
      const readAt = Date.now()
      batch.forEach(([, tally], i) => {
        tally.shared = totals[i]!
        tally.readAt = readAt
      })
    } catch (error) {
      // Counted again with the next sync; meanwhile this replica's own count still limits.
      const readAt = Date.now()
      batch.forEach(([, tally], i) => {
        tally.pending += adding[i]!
        tally.readAt = readAt
      })
      logger.warn({ err: error }, 'rate limit counts not shared, counting in memory')
    } finally {
      batch.forEach(([, tally], i) => (tally.sending -= adding[i]!))
    }
  }

  const refresh = (key: string, tally: Tally) =>
    (tally.reading ??= readThisTurn(key, tally).finally(() => (tally.reading = undefined)))
  // The stale tallies this turn's requests wait for, read together once the turn ends.
  let stale: { tallies: Map<string, Tally>; read: Promise<void> } | undefined
  const readThisTurn = (key: string, tally: Tally) => {
    if (!stale) {
      const tallies = new Map<string, Tally>()
      const read = new Promise<void>((resolve) =>
        setImmediate(() => {
          stale = undefined
          void share(tallies).then(resolve)
        }),
      )
      stale = { tallies, read }
    }
    stale.tallies.set(key, tally)
    return stale.read
  }
  const syncAll = async () => {
    timer = undefined
    const { id, tallies } = window
    const counted = new Map<string, Tally>()
    for (const [address, tally] of tallies) {
      if (tally.pending > 0) counted.set(tallyKey(id, address), tally)
    }
    await share(counted)
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
