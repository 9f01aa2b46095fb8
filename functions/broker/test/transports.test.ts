import { createTestRedis } from '@dropmate/db/testing'
import { describe } from 'vitest'
import { createMemoryTransport } from '../src/memory-transport'
import { createRedisTransport } from '../src/redis-transport'
import { transportContract } from './transport-contract'

transportContract('memory transport', async () => ({
  transport: createMemoryTransport(),
  cleanup: async () => {},
}))

const url = process.env.REDIS_URL

describe.runIf(url)('with REDIS_URL set', () => {
  transportContract('redis transport', async () => {
    const { redis, cleanup } = createTestRedis(url!)
    return { transport: createRedisTransport({ redis }), cleanup }
  })
})
