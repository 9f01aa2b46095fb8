import type { Redis } from 'ioredis'
import type { Feed } from './feed'
import { createMemoryFeed } from './memory-feed'
import { createRedisFeed, type RedisFeedOptions } from './redis-feed'

/**
 * A process's feed of one kind: a Redis stream every replica reads when Redis is configured,
 * memory in the embedded default, where the one process is every reader.
 */
export function createFeed(
  redis: Redis | undefined,
  stream: Pick<RedisFeedOptions, 'stream' | 'maxLength'>,
): Feed {
  return redis ? createRedisFeed({ redis, ...stream }) : createMemoryFeed()
}
