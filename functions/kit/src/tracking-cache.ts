import { logger } from '@dropmate/runtime'
import type { Redis } from 'ioredis'
import { createLocalTrackingViews } from './local-tracking-views'
import { invalidationChannel, listenForInvalidations } from './tracking-invalidations'

/** A read-through cache of public tracking views, keyed by tracking number. */
export interface TrackingCache {
  /**
   * The cached view, or `load()`'s answer (cached for next time, even when null). The view
   * may be shared with other readers: do not change it.
   */
  read<T>(trackingNumber: string, load: () => Promise<T>): Promise<T>
  /** Call after a change to the shipment commits; every replica hears of it. */
  invalidate(trackingNumber: string): Promise<void>
  /** Stops hearing of other replicas' changes; before the Redis client disconnects. */
  close(): void
}

/**
 * Two layers: this process's own views (local-tracking-views.ts), so that a lookup of a
 * parcel that did not change costs no network round trip, in front of Redis, which replicas
 * share. A change reaches every replica's own views through Redis pub/sub
 * (tracking-invalidations.ts); a lost message shows an old view for LOCAL_VIEW_TTL_MS at
 * most. Without Redis there is one process (the embedded default): it forgets by itself.
 */
export function createTrackingCache(redis?: Redis): TrackingCache {
  if (!redis) {
    // Every change is heard here, in this process: views last as long as Redis keeps them,
    // the bound on writers that do not invalidate. Reloaded every 5 s, the bench's lookups
    // of 100 parcels cost the embedded PGlite 20 queries a second.
    const local = createLocalTrackingViews(true, TTL_SECONDS * 1000)
    return { read: local.read, invalidate: async (number) => local.forget(number), close() {} }
  }
  // Nothing is kept here until the subscription is up: a change could go unheard.
  const local = createLocalTrackingViews(false)
  const shared = createSharedTrackingViews(redis)
  let listening: ReturnType<typeof listenForInvalidations> | undefined
  return {
    read(trackingNumber, load) {
      // Opened with the first lookup: a writer-only function never subscribes.
      listening ??= listenForInvalidations(redis, local)
      return local.read(trackingNumber, () => shared.read(trackingNumber, load))
    },
    async invalidate(trackingNumber) {
      await shared.invalidate(trackingNumber)
      // After Redis dropped its view: a load that read it meanwhile is not kept either.
      local.forget(trackingNumber)
    },
    close() {
      listening?.close()
    },
  }
}

// Short: the view also changes through writers that do not invalidate (a failed Redis call).
const TTL_SECONDS = 30

/**
 * Stores a view only if no invalidation happened since the read began: a reader that
 * loaded the old row before a writer committed must not put it back after the writer
 * cleared it. ARGV: generation seen before loading ('' for none), view JSON, TTL.
 */
const SET_IF_GENERATION = `
local current = redis.call('GET', KEYS[1]) or ''
if current == ARGV[1] then
  redis.call('SET', KEYS[2], ARGV[2], 'EX', ARGV[3])
  return 1
end
return 0
`

// Connection states in which Redis is known to be away (ioredis's status): no use waiting.
const AWAY = new Set(['reconnecting', 'close', 'end'])
// A view outlives an outage by its TTL at most, so only the changes of the last TTL matter.
const HELD_INVALIDATIONS = 10_000

/**
 * Views in Redis, shared by replicas. A Redis error never fails a request: the database
 * answers instead. A change never waits for a Redis that is away: its invalidation is held
 * and made (and announced) once Redis is back, so a view cached before the outage is not
 * served after it.
 */
function createSharedTrackingViews(redis: Redis): Omit<TrackingCache, 'close'> {
  const channel = invalidationChannel(redis)
  const keys = (trackingNumber: string) => [
    `track:gen:${trackingNumber}`,
    `track:view:${trackingNumber}`,
  ]
  const held = new Set<string>()
  const hold = (trackingNumber: string) => {
    if (held.size < HELD_INVALIDATIONS) held.add(trackingNumber)
  }
  const invalidate = async (trackingNumber: string) => {
    if (AWAY.has(redis.status)) return hold(trackingNumber)
    const [generationKey, viewKey] = keys(trackingNumber)
    await redis
      .multi()
      .incr(generationKey!)
      .expire(generationKey!, 86_400)
      .del(viewKey!)
      .publish(channel, trackingNumber)
      .exec()
      .catch((error: unknown) => {
        hold(trackingNumber)
        warn(error)
      })
  }
  redis.on('ready', () => {
    for (const trackingNumber of held) void invalidate(trackingNumber)
    held.clear()
  })
  return {
    async read(trackingNumber, load) {
      const [generationKey, viewKey] = keys(trackingNumber)
      const cached = AWAY.has(redis.status)
        ? undefined
        : await redis.mget(generationKey!, viewKey!).catch(warn)
      if (cached?.[1]) return JSON.parse(cached[1])
      const view = await load()
      if (cached) {
        const args = [cached[0] ?? '', JSON.stringify(view), TTL_SECONDS]
        await redis.eval(SET_IF_GENERATION, 2, generationKey!, viewKey!, ...args).catch(warn)
      }
      return view
    },
    invalidate,
  }
}

function warn(error: unknown): undefined {
  logger.warn({ err: error }, 'tracking cache unavailable, using the database')
  return undefined
}
