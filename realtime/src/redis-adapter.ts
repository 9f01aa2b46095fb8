import { failFastWhileAway } from '@dropmate/kit'
import { logger, type ReadinessCheck } from '@dropmate/runtime'
import { createAdapter } from '@socket.io/redis-streams-adapter'
import type { Redis, RedisOptions } from 'ioredis'

export interface SharedRooms {
  /** The Socket.io adapter: rooms and connection state shared by every gateway. */
  adapter: ReturnType<typeof createAdapter>
  /** For `/ready`: every connection of the adapter is up (its read loop and subscription). */
  check: ReadinessCheck
  /** Closes the adapter's connections; call after `io.close()`, which stops its read loop. */
  close(): void
}

type Command = (...args: unknown[]) => Promise<unknown>

/**
 * Socket.io's Redis Streams adapter on connections of its own: one to publish, and the two it
 * duplicates from it, one blocked in XREAD on the stream and one subscribed for ephemeral
 * messages. They inherit the process's key prefix, which ioredis applies to every key the
 * adapter touches (the stream, XADD, XREAD and XRANGE alike, and the sessions kept for
 * connection state recovery), but not to Pub/Sub channels, which are not keys: the channel
 * prefix carries it instead, so deployments sharing a Redis never hear each other.
 *
 * During a Redis outage broadcasts still reach this gateway's own sockets at once (the
 * publishing connection fails fast, as the process's client does), and the reader and
 * subscriber wait for ioredis to reconnect, then resume: the read where it was in the
 * stream, the subscription by ioredis's resubscribe.
 */
export function shareRooms(redis: Redis, keyPrefix: string): SharedRooms {
  // Connected at once, not lazily: the adapter would connect its copies itself, and that
  // connect's rejection, with Redis down at start, would end the process.
  const client = failFastWhileAway(
    redis.duplicate({ lazyConnect: false, enableOfflineQueue: true }),
  )
  client.on('error', (error: Error) => logger.warn({ err: error }, 'redis unavailable (realtime)'))
  const connections = [client]
  Object.assign(client, {
    duplicate(override?: Partial<RedisOptions>) {
      const copy = redis.duplicate({
        lazyConnect: false,
        // The read blocks for seconds, and the SUBSCRIBE is sent once: both wait for Redis
        // however long it is away, where the adapter would drop a failed one for good.
        commandTimeout: undefined,
        maxRetriesPerRequest: null,
        enableOfflineQueue: true,
        ...override,
      })
      connections.push(copy)
      return copy
    },
    // The adapter fires these without awaiting them (a session as a socket drops, a message
    // to the other gateways); while Redis is down their rejections would end the process.
    set: handled(client.set.bind(client) as unknown as Command),
    publish: handled(client.publish.bind(client) as unknown as Command),
  })
  const adapter = createAdapter(client, { channelPrefix: `${keyPrefix}socket.io` })
  return {
    adapter,
    async check() {
      const down = connections.filter((connection) => connection.status !== 'ready')
      if (down.length) {
        const states = down.map((connection) => connection.status).join(', ')
        throw new Error(`${down.length} of ${connections.length} connections down (${states})`)
      }
    },
    close: () => connections.forEach((connection) => connection.disconnect()),
  }
}

function handled(command: Command): Command {
  return (...args) => {
    const reply = command(...args)
    reply.catch((error: unknown) => logger.warn({ err: error }, 'redis command failed (realtime)'))
    return reply
  }
}
