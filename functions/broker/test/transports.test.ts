import { randomUUID } from 'node:crypto'
import { Redis } from 'ioredis'
import { describe } from 'vitest'
import { createMemoryTransport } from '../src/memory-transport'
import { createRedisTransport } from '../src/redis-transport'
import { transportContract } from './transport-contract'

transportContract('memory transport', async () => ({
  transport: createMemoryTransport(),
  cleanup: async () => {},
}))

const url = process.env.REDIS_URL

/** SCAN answers full key names, which a prefixed client's DEL would prefix again. */
async function deleteKeys(redisUrl: string, prefix: string): Promise<void> {
  const admin = new Redis(redisUrl)
  try {
    for await (const keys of admin.scanStream({ match: `${prefix}*`, count: 500 })) {
      if ((keys as string[]).length) await admin.del(...(keys as string[]))
    }
  } finally {
    admin.disconnect()
  }
}

describe.runIf(url)('with REDIS_URL set', () => {
  transportContract('redis transport', async () => {
    // A prefix per test: runs in parallel or left over from a crash never see each other.
    const keyPrefix = `test:${randomUUID()}:`
    const redis = new Redis(url!, { keyPrefix })
    return {
      transport: createRedisTransport({ redis }),
      cleanup: async () => {
        await deleteKeys(url!, keyPrefix)
        redis.disconnect()
      },
    }
  })
})
