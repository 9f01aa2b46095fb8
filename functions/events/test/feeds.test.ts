import { createTestRedis, startPrivateRedis } from '@dropmate/db/testing'
import { Redis } from 'ioredis'
import { describe, expect, it, onTestFinished } from 'vitest'
import type { Feed } from '../src/feed'
import { createMemoryFeed } from '../src/memory-feed'
import { createRedisFeed } from '../src/redis-feed'

/** What a follower has been handed so far, batch by batch. */
function collect(feed: Feed) {
  const batches: string[][] = []
  const follower = feed.follow((events) => batches.push(events))
  onTestFinished(() => follower.close())
  const events = () => batches.flat()
  const until = (count: number) =>
    expect.poll(() => events().length, { timeout: 10_000, interval: 20 }).toBe(count)
  return { follower, batches, events, until }
}

function feedContract(name: string, makeFeed: () => Promise<Feed>) {
  describe(name, () => {
    it('hands every follower every event appended after it started, in order', async () => {
      const feed = await makeFeed()
      await feed.append(['before'])
      const [first, second] = [collect(feed), collect(feed)]
      await Promise.all([first.follower.ready, second.follower.ready])
      await feed.append(['a', 'b'])
      await feed.append(['c'])
      await first.until(3)
      await second.until(3)
      expect(first.events()).toEqual(['a', 'b', 'c'])
      expect(second.events()).toEqual(['a', 'b', 'c'])
    })

    it('hands events appended together, or while the follower was busy, over as one batch', async () => {
      const feed = await makeFeed()
      const { follower, batches, until } = collect(feed)
      await follower.ready
      await Promise.all(Array.from({ length: 50 }, (_, i) => feed.append([`e${i}`])))
      await until(50)
      expect(batches.length).toBeLessThan(50)
    })

    it('hands nothing over once closed', async () => {
      const feed = await makeFeed()
      const { follower, events } = collect(feed)
      await follower.ready
      await follower.close()
      await feed.append(['late'])
      await new Promise((resolve) => setTimeout(resolve, 100))
      expect(events()).toEqual([])
    })

    it('keeps handing over after a listener threw', async () => {
      const feed = await makeFeed()
      let calls = 0
      const follower = feed.follow(() => {
        calls += 1
        if (calls === 1) throw new Error('listener bug')
      })
      onTestFinished(() => follower.close())
      await follower.ready
      await feed.append(['one'])
      await expect.poll(() => calls, { timeout: 10_000 }).toBe(1)
      await feed.append(['two'])
      await expect.poll(() => calls, { timeout: 10_000 }).toBe(2)
    })
  })
}

feedContract('memory feed', async () => createMemoryFeed())

const url = process.env.REDIS_URL

describe.runIf(url)('with REDIS_URL set', () => {
  feedContract('redis feed', async () => {
    const { redis, cleanup } = createTestRedis(url!)
    onTestFinished(cleanup)
    return createRedisFeed({ redis, stream: 'feed', maxLength: 1_000, blockMs: 200 })
  })
})

describe.runIf(url)('a redis feed followed with replayMs', () => {
  it('hands over first what was appended that long before, then what comes after', async () => {
    const { redis, cleanup } = createTestRedis(url!)
    onTestFinished(cleanup)
    const feed = createRedisFeed({ redis, stream: 'feed', maxLength: 1_000, blockMs: 200 })
    await feed.append(['long ago'])
    await new Promise((resolve) => setTimeout(resolve, 1_500))
    await feed.append(['while away 1', 'while away 2'])
    const batches: string[][] = []
    const follower = feed.follow((events) => batches.push(events), { replayMs: 1_000 })
    onTestFinished(() => follower.close())
    await follower.ready
    await feed.append(['after'])
    await expect.poll(() => batches.flat().length, { timeout: 10_000 }).toBe(3)
    expect(batches.flat()).toEqual(['while away 1', 'while away 2', 'after'])
  })
})

describe('redis feed through an outage', () => {
  it('goes on from the last event it read once Redis is back, losing none', async () => {
    const server = await startPrivateRedis()
    onTestFinished(() => server.cleanup())
    const redis = new Redis(server.url, { maxRetriesPerRequest: 1, retryStrategy: () => 50 })
    redis.on('error', () => {})
    onTestFinished(() => void redis.disconnect())
    const feed = createRedisFeed({ redis, stream: 'feed', maxLength: 1_000, retryMs: 50 })
    const { follower, events, until } = collect(feed)
    await follower.ready
    await feed.append(['before'])
    await until(1)

    await server.crash()
    await server.restart()
    await expect.poll(() => redis.status, { timeout: 10_000 }).toBe('ready')
    await feed.append(['after 1', 'after 2'])
    await until(3)
    expect(events()).toEqual(['before', 'after 1', 'after 2'])
  })
})

describe('redis feed with Redis away', () => {
  it('closes a follower that never reached Redis', async () => {
    // Nothing listens on port 1: every connection try fails, and the client waits between.
    const redis = new Redis('redis://127.0.0.1:1', { lazyConnect: true, retryStrategy: () => 200 })
    redis.on('error', () => {})
    onTestFinished(() => void redis.disconnect())
    const follower = createRedisFeed({ redis, stream: 'feed', maxLength: 1_000 }).follow(() => {})
    await new Promise((resolve) => setTimeout(resolve, 300))
    const closed = await Promise.race([
      follower.close().then(() => 'closed'),
      new Promise((resolve) => setTimeout(resolve, 5_000, 'still waiting')),
    ])
    expect(closed).toBe('closed')
  })
})
