import { createTestRedis, type TestRedis } from '@dropmate/db/testing'
import type { Redis } from 'ioredis'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAddressRateLimit } from '../src/address-rate-limit'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
// Longer than a replica waits to send what it counted.
const PAST_A_SYNC_MS = 400

/** Another replica's connection to the same Redis, and how many commands it has sent. */
function replicaConnection(shared: Redis) {
  const redis = shared.duplicate()
  let sent = 0
  const send = redis.sendCommand.bind(redis)
  redis.sendCommand = (...args) => {
    sent++
    return send(...args)
  }
  return { redis, sent: () => sent }
}

/** An address of the IPv6 documentation prefix for each of `count`. */
const addresses = (count: number) =>
  Array.from({ length: count }, (_, i) => `2001:db8::${i.toString(16)}`)

describe.runIf(process.env.REDIS_URL)('per-address budget on replicas sharing Redis', () => {
  let shared: TestRedis
  const closing: Array<() => void> = []

  beforeAll(() => {
    shared = createTestRedis(process.env.REDIS_URL!)
  })

  afterAll(async () => {
    for (const close of closing) close()
    await shared.cleanup()
  })

  function replica(points: number) {
    const connection = replicaConnection(shared.redis)
    const limit = createAddressRateLimit({
      name: 'busy',
      points,
      durationSeconds: 60,
      redis: connection.redis,
    })
    closing.push(() => {
      limit.close()
      connection.redis.disconnect()
    })
    return { limit, sent: connection.sent }
  }

  it('reads the totals of the addresses new in one busy turn together, and sends their counts together', async () => {
    const first = replica(10)
    // Redis learns the script: later calls name it by its hash alone.
    await first.limit.consume('2001:db8:ffff::1')
    await sleep(PAST_A_SYNC_MS)
    const before = first.sent()

    // As a busy server calls it: 1,200 first lookups parsed in one turn of the event loop.
    await Promise.all(addresses(1_200).map((address) => first.limit.consume(address)))
    expect(first.sent() - before).toBe(3)
    await sleep(PAST_A_SYNC_MS)
    expect(first.sent() - before).toBe(6)

    // What it sent is what another replica decides by: one lookup counted, nine to go.
    const second = replica(10)
    const last = addresses(1_200).at(-1)!
    for (let i = 0; i < 9; i++) await second.limit.consume(last)
    await expect(second.limit.consume(last)).rejects.toMatchObject({ code: 'rate_limited' })
  })
})
