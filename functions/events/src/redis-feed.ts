import { logger } from '@dropmate/runtime'
import type { Redis } from 'ioredis'
import { setTimeout as sleep } from 'node:timers/promises'
import { handOver, type Feed } from './feed'

type StreamReply = [stream: string, entries: [id: string, fields: string[]][]][]

export interface RedisFeedOptions {
  redis: Redis
  /** The stream's key (under the client's key prefix). */
  stream: string
  /**
   * About how many events the stream keeps: how far back a follower cut off can catch up.
   * Without it appends do not trim (whoever owns the stream does).
   */
  maxLength?: number
  /** Events handed over per read at most. */
  batchSize?: number
  /** How long a read waits for the first event; also how soon `close` is noticed. */
  blockMs?: number
  /** How long to wait before reading again after Redis failed. */
  retryMs?: number
}

/**
 * A feed on a Redis stream: XADD to append, and per follower a connection of its own
 * blocking in XREAD (no group, so every replica reads every entry), many entries per read.
 * A follower remembers the last id it read: after an outage it goes on from there.
 */
export function createRedisFeed(options: RedisFeedOptions): Feed {
  const { redis, stream, maxLength, batchSize = 1_000, blockMs = 1_000, retryMs = 250 } = options

  return {
    async append(events) {
      if (events.length === 0) return
      const trim = maxLength === undefined ? [] : (['MAXLEN', '~', maxLength] as const)
      if (events.length === 1) {
        await redis.xadd(stream, ...trim, '*', 'event', events[0]!)
        return
      }
      const batch = redis.multi()
      for (const event of events) batch.xadd(stream, ...trim, '*', 'event', event)
      const results = (await batch.exec()) ?? []
      for (const [error] of results) if (error) throw error
    },

    follow(listener, { replayMs = 0 } = {}) {
      // A blocked XREAD holds its connection; commands must wait for it, not time out.
      const connection = redis.duplicate({ commandTimeout: undefined, enableOfflineQueue: true })
      connection.on('error', () => {})
      // A command queued while the connection was between reconnect tries never settles once
      // it is closed (ioredis drops the next try and flushes nothing): closing stops the wait.
      const closing = Promise.withResolvers<never>()
      closing.promise.catch(() => {})
      const unlessClosed = <T>(command: Promise<T>) => Promise.race([command, closing.promise])
      let stopped = false
      let failing = false
      const started = Promise.withResolvers<void>()

      const fail = async (error: unknown) => {
        if (!failing) logger.warn({ err: error, stream }, 'feed unreadable, retrying')
        failing = true
        await sleep(retryMs)
      }

      const run = async () => {
        // Where the stream ends now, or where it was `replayMs` ago by Redis's clock (entry
        // ids are its milliseconds): entries appended from there on are this follower's.
        let after: string | undefined
        while (!stopped && after === undefined) {
          try {
            after = await unlessClosed(
              replayMs > 0 ? idBefore(connection, replayMs) : lastId(connection, stream),
            )
            started.resolve()
          } catch (error) {
            if (!stopped) await fail(error)
          }
        }
        while (!stopped) {
          try {
            const reply = (await unlessClosed(
              connection.xread('COUNT', batchSize, 'BLOCK', blockMs, 'STREAMS', stream, after!),
            )) as StreamReply | null
            if (failing) logger.info({ stream }, 'feed readable again')
            failing = false
            const entries = reply?.[0]?.[1] ?? []
            if (entries.length === 0 || stopped) continue
            after = entries.at(-1)![0]
            const events = entries.map(([, fields]) => eventOf(fields))
            handOver(
              listener,
              events.filter((event) => event !== undefined),
            )
          } catch (error) {
            if (!stopped) await fail(error)
          }
        }
      }
      const running = run()

      return {
        ready: started.promise,
        async close() {
          stopped = true
          started.resolve()
          closing.reject(new Error('feed follower closed'))
          connection.disconnect()
          await running
        },
      }
    },
  }
}

async function lastId(connection: Redis, stream: string): Promise<string> {
  const [newest] = await connection.xrevrange(stream, '+', '-', 'COUNT', 1)
  return newest?.[0] ?? '0-0'
}

async function idBefore(connection: Redis, ms: number): Promise<string> {
  return `${(await redisNowMs(connection)) - ms}-0`
}

/** Redis's own clock in milliseconds: what stream entry ids are stamped with. */
export async function redisNowMs(redis: Redis): Promise<number> {
  const [seconds, micros] = await redis.time()
  return Number(seconds) * 1000 + Math.floor(Number(micros) / 1000)
}

/** The `event` field of an entry's flat field list. */
function eventOf(fields: string[]): string | undefined {
  for (let i = 0; i + 1 < fields.length; i += 2) if (fields[i] === 'event') return fields[i + 1]
  return undefined
}
