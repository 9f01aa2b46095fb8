import { createTestRedis, type TestRedis } from '@dropmate/db/testing'
import { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LOCAL_VIEW_TTL_MS } from '../src/local-tracking-views'
import { createTrackingCache, type TrackingCache } from '../src/tracking-cache'

/** A load that answers only when the test says so: a reader slower than a writer. */
function heldLoad<T>(view: T) {
  let release!: () => void
  const released = new Promise<void>((resolve) => (release = resolve))
  let started!: () => void
  const begun = new Promise<void>((resolve) => (started = resolve))
  return {
    load: async () => {
      started()
      await released
      return view
    },
    begun,
    release,
  }
}

const fresh = (view: string) => async () => view

describe('tracking cache in one process without Redis', () => {
  it('serves a view again without loading it, until it is invalidated', async () => {
    const cache = createTrackingCache()
    let loads = 0
    const load = async () => `view ${++loads}`
    expect(await cache.read('DM1', load)).toBe('view 1')
    expect(await cache.read('DM1', load)).toBe('view 1')
    await cache.invalidate('DM1')
    expect(await cache.read('DM1', load)).toBe('view 2')
    cache.close()
  })

  it('keeps a view past the few seconds a replica keeps its own, since every change is heard', async () => {
    const cache = createTrackingCache()
    let loads = 0
    const load = async () => `view ${++loads}`
    expect(await cache.read('DM3', load)).toBe('view 1')
    await new Promise((resolve) => setTimeout(resolve, LOCAL_VIEW_TTL_MS + 500))
    expect(await cache.read('DM3', load)).toBe('view 1')
    cache.close()
  })

  it('never puts back a view loaded before an invalidation', async () => {
    const cache = createTrackingCache()
    const old = heldLoad('old')
    const reading = cache.read('DM2', old.load)
    await old.begun
    await cache.invalidate('DM2')
    old.release()
    expect(await reading).toBe('old')
    expect(await cache.read('DM2', fresh('new'))).toBe('new')
    cache.close()
  })
})

describe.runIf(process.env.REDIS_URL)('tracking cache on replicas sharing Redis', () => {
  let shared: TestRedis
  let other: Redis
  let listener: Redis
  let probe: Redis
  const caches: TrackingCache[] = []
  const channel = () => `${shared.redis.options.keyPrefix}track:invalidated`

  beforeAll(() => {
    shared = createTestRedis(process.env.REDIS_URL!)
    other = shared.redis.duplicate()
    listener = shared.redis.duplicate()
    probe = new Redis(process.env.REDIS_URL!)
  })
  afterAll(async () => {
    for (const cache of caches) cache.close()
    other.disconnect()
    listener.disconnect()
    probe.disconnect()
    await shared.cleanup()
  })

  const replica = (redis: Redis) => {
    const cache = createTrackingCache(redis)
    caches.push(cache)
    return cache
  }

  /** `heard` resolves once the next invalidation was published to every subscriber. */
  const nextInvalidation = async () => {
    await listener.subscribe(channel())
    return { heard: new Promise<void>((resolve) => listener.once('message', () => resolve())) }
  }

  const listening = async (count: number) => {
    for (;;) {
      const [, subscribers] = (await probe.pubsub('NUMSUB', channel())) as [string, number]
      if (subscribers >= count) return
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
  }

  it('never puts back a view loaded before another replica invalidated it', async () => {
    const reader = replica(shared.redis)
    const writer = replica(other)
    await reader.read('DM3', fresh('warm'))
    await reader.invalidate('DM3')
    await listening(1)
    const invalidated = await nextInvalidation()
    const old = heldLoad('old')
    const reading = reader.read('DM3', old.load)
    await old.begun
    await writer.invalidate('DM3')
    await invalidated.heard
    // The reader's subscription was sent the message with the listener's: let it be read.
    await new Promise((resolve) => setTimeout(resolve, 50))
    old.release()
    expect(await reading).toBe('old')
    expect(await reader.read('DM3', fresh('new'))).toBe('new')
  })
})
