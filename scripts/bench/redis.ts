import { Redis } from 'ioredis'

/** Only a local Redis: the bench runs on one machine and must not touch a shared one. */
export const LOCAL_REDIS_URL = 'redis://127.0.0.1:6379'

function connect(): Redis {
  const redis = new Redis(LOCAL_REDIS_URL, {
    lazyConnect: true,
    connectTimeout: 500,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  })
  // Failures surface as rejected calls; without a listener ioredis also prints them.
  redis.on('error', () => {})
  return redis
}

/** Whether a Redis answers PING on 127.0.0.1:6379 within half a second. */
export async function localRedisAnswers(): Promise<boolean> {
  const redis = connect()
  try {
    await redis.connect()
    return (await redis.ping()) === 'PONG'
  } catch {
    return false
  } finally {
    redis.disconnect()
  }
}

/** Removes the keys a run left (rate-limit counters, cached tracking views). */
export async function deleteKeys(prefix: string): Promise<void> {
  const redis = connect()
  try {
    await redis.connect()
    for await (const keys of redis.scanStream({ match: `${prefix}*`, count: 500 })) {
      if ((keys as string[]).length) await redis.del(...(keys as string[]))
    }
  } finally {
    redis.disconnect()
  }
}
