import { createTestRedis } from '@dropmate/db/testing'
import { describe, expect, it } from 'vitest'
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

describe('memory transport, which a crash wipes', () => {
  const settledIds = (transport: ReturnType<typeof createMemoryTransport>) => {
    const ids: string[] = []
    transport.onSettled!((settled) => ids.push(...settled))
    return ids
  }
  const turn = () => new Promise((resolve) => setImmediate(resolve))

  it('reports an entry settled once every group has acknowledged it', async () => {
    const transport = createMemoryTransport()
    const settled = settledIds(transport)
    await transport.ensureGroup('email')
    await transport.ensureGroup('dashboard')
    const [id] = await transport.append(['{}'])
    await transport.readNew('email', 'a', 1, 0)
    await transport.readNew('dashboard', 'a', 1, 0)
    await transport.ack('email', id!)
    await transport.ack('email', id!)
    await turn()
    expect(settled).toEqual([])
    await transport.ack('dashboard', id!)
    await turn()
    expect(settled).toEqual([id])
  })

  it('reports entries no group will read, and those retention drops, settled', async () => {
    const transport = createMemoryTransport()
    const settled = settledIds(transport)
    const [unread] = await transport.append(['{}'])
    await transport.ensureGroup('email')
    const [dropped] = await transport.append(['{}'])
    await transport.trim({ maxAgeMs: 60_000, maxLength: 0 })
    await turn()
    expect(settled).toEqual([unread, dropped])
  })
})
