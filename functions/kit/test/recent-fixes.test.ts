import { createTestRedis } from '@dropmate/db/testing'
import { createMemoryFeed } from '@dropmate/events'
import { afterEach, describe, expect, it } from 'vitest'
import type { LocationStore } from '../src/locations/location-store'
import { createMemoryLocationStore } from '../src/locations/memory-location-store'
import { recentFixes } from '../src/locations/recent-fixes'
import { createRedisLocationStore } from '../src/locations/redis-location-store'

// Long enough that a busy machine does not let it pass between two reads of one test.
const MAX_AGE_MS = 1_000
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const cleanups: (() => Promise<void>)[] = []

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup()
})

/** The Redis store with REDIS_URL set, as the tracking function reads it; memory without. */
function realStore(): LocationStore {
  const url = process.env.REDIS_URL
  if (!url)
    return createMemoryLocationStore({ staleAfterMs: 60_000, positions: createMemoryFeed() })
  const { redis, cleanup } = createTestRedis(url)
  cleanups.push(cleanup)
  return createRedisLocationStore({ redis, staleAfterMs: 60_000 })
}

/** The store, counting the reads that reach it. */
function counted(store: LocationStore) {
  const reads = { count: 0 }
  const latest = (driverId: string) => {
    reads.count++
    return store.latest(driverId)
  }
  return { reads, latest }
}

async function moveTo(store: LocationStore, lat: number, secondsAgo = 0) {
  const recordedAt = new Date(Date.now() - secondsAgo * 1000)
  const fix = { driverId: 'ana', lat, lng: -9.1394, accuracyM: 5, speedMps: 4, headingDeg: 90 }
  await store.advance([{ ...fix, recordedAt }])
}

describe('recentFixes', () => {
  it('shows a new position once the one read before it is maxAgeMs old, never later', async () => {
    const store = realStore()
    const fixOf = recentFixes(store, MAX_AGE_MS)
    await moveTo(store, 38.7139, 1)
    expect((await fixOf('ana'))?.lat).toBe(38.7139)

    await moveTo(store, 38.72)
    expect((await fixOf('ana'))?.lat).toBe(38.7139)
    await sleep(MAX_AGE_MS + 50)
    expect((await fixOf('ana'))?.lat).toBe(38.72)
  })

  it('reads the store once for every lookup within maxAgeMs, those at the same moment too', async () => {
    const store = realStore()
    await moveTo(store, 38.7139)
    const { reads, latest } = counted(store)
    const fixOf = recentFixes({ latest }, MAX_AGE_MS)

    const together = await Promise.all([fixOf('ana'), fixOf('ana'), fixOf('ana')])
    expect(together.map((fix) => fix?.lat)).toEqual([38.7139, 38.7139, 38.7139])
    await fixOf('ana')
    expect(reads.count).toBe(1)
  })

  it('remembers a driver with no position as such, for as long', async () => {
    const { reads, latest } = counted(realStore())
    const fixOf = recentFixes({ latest }, MAX_AGE_MS)

    expect(await fixOf('nobody')).toBeUndefined()
    expect(await fixOf('nobody')).toBeUndefined()
    expect(reads.count).toBe(1)
  })

  it('keeps no failed read: the next lookup asks the store again', async () => {
    const store = realStore()
    await moveTo(store, 38.7139)
    let failing = true
    const fixOf = recentFixes(
      {
        latest: (driverId) =>
          failing ? Promise.reject(new Error('connect ECONNREFUSED')) : store.latest(driverId),
      },
      MAX_AGE_MS,
    )

    await expect(fixOf('ana')).rejects.toThrow('ECONNREFUSED')
    failing = false
    expect((await fixOf('ana'))?.lat).toBe(38.7139)
  })
})
