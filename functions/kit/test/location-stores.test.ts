import { createTestRedis, deleteRedisKeys } from '@dropmate/db/testing'
import { Redis } from 'ioredis'
import { randomUUID } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { createFeed, createMemoryFeed } from '@dropmate/events'
import { POSITIONS } from '../src/locations/positions'
import { createMemoryLocationStore } from '../src/locations/memory-location-store'
import { createRedisLocationStore } from '../src/locations/redis-location-store'
import { locationStoreContract } from './location-store-contract'

locationStoreContract('memory location store', async (options) => {
  const positions = createMemoryFeed()
  return {
    store: createMemoryLocationStore({ ...options, positions }),
    positions,
    cleanup: async () => {},
  }
})

const url = process.env.REDIS_URL

describe.runIf(url)('with REDIS_URL set', () => {
  locationStoreContract('redis location store', async (options) => {
    const { redis, cleanup } = createTestRedis(url!)
    return {
      store: createRedisLocationStore({ redis, ...options }),
      positions: createFeed(redis, POSITIONS),
      cleanup,
    }
  })

  it('keeps every key under the client keyPrefix, the fix expiring after staleAfterMs', async () => {
    const keyPrefix = `test:${randomUUID()}:`
    const redis = new Redis(url!, { keyPrefix })
    const admin = new Redis(url!)
    try {
      const store = createRedisLocationStore({ redis, staleAfterMs: 30_000 })
      await store.advance([
        {
          driverId: 'd',
          lat: 38.7139,
          lng: -9.1394,
          accuracyM: null,
          speedMps: null,
          headingDeg: null,
          recordedAt: new Date(),
        },
      ])

      const keys = await admin.keys(`${keyPrefix}*`)
      expect(keys.sort()).toEqual([`${keyPrefix}drivers:fix:d`, `${keyPrefix}drivers:geo`])
      const ttl = await admin.pttl(`${keyPrefix}drivers:fix:d`)
      expect(ttl).toBeGreaterThan(25_000)
      expect(ttl).toBeLessThanOrEqual(30_000)
    } finally {
      await deleteRedisKeys(url!, keyPrefix)
      redis.disconnect()
      admin.disconnect()
    }
  })

  it('takes drivers whose fix expired out of the GEO set when it meets them', async () => {
    const keyPrefix = `test:${randomUUID()}:`
    const redis = new Redis(url!, { keyPrefix })
    try {
      const store = createRedisLocationStore({ redis, staleAfterMs: 50 })
      const at = { lat: 38.7139, lng: -9.1394, accuracyM: null, speedMps: null, headingDeg: null }
      await store.advance([{ driverId: 'd', ...at, recordedAt: new Date() }])
      await new Promise((resolve) => setTimeout(resolve, 100))

      expect(await store.nearby(at, 100, 10)).toEqual([])
      expect(await redis.zcard('drivers:geo')).toBe(0)
    } finally {
      await deleteRedisKeys(url!, keyPrefix)
      redis.disconnect()
    }
  })
})
