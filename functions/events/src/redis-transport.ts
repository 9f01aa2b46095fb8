import type { ChainableCommander, Redis } from 'ioredis'
import { createRedisFeed, redisNowMs } from './redis-feed'
import type { BrokerTransport, DeadLetter, Entry } from './transport'

type RawEntry = [id: string, fields: string[] | null]

/** Field lists arrive flat (`[k, v, ...]`), or as objects under ioredis's `resp3` reply mapping. */
function record(reply: unknown): Record<string, unknown> {
  if (!Array.isArray(reply)) return (reply ?? {}) as Record<string, unknown>
  const fields: Record<string, unknown> = {}
  for (let i = 0; i + 1 < reply.length; i += 2) fields[String(reply[i])] = reply[i + 1]
  return fields
}

/** XREADGROUP answers `[[stream, entries]]`, or `{ stream: entries }` under `resp3` mapping. */
function onlyStream(reply: unknown): RawEntry[] {
  if (!reply) return []
  const streams = Array.isArray(reply) ? reply.map((s: unknown[]) => s[1]) : Object.values(reply)
  return (streams[0] ?? []) as RawEntry[]
}

/** MULTI and pipeline replies carry each command's error beside its result. */
async function run(batch: ChainableCommander): Promise<unknown[]> {
  const results = (await batch.exec()) ?? []
  return results.map(([error, value]) => {
    if (error) throw error
    return value
  })
}

/**
 * Removes a consumer from its group only while it holds no entries: DELCONSUMER drops what it
 * holds with it, and a consumer thought dead may have read again since it was looked at.
 */
const FORGET_IF_EMPTY = `
if #redis.call('XPENDING', KEYS[1], ARGV[1], '-', '+', 1, ARGV[2]) > 0 then return 0 end
return redis.call('XGROUP', 'DELCONSUMER', KEYS[1], ARGV[1], ARGV[2])
`

/**
 * The broker's log on Redis Streams: one stream of events, one consumer group per Trigger,
 * a second stream of dead letters, and a key per consumer that lives while it does
 * (`markAlive`). Keys go through the client's `keyPrefix`.
 *
 * The given client stays the caller's; `close()` only ends the connections made here.
 */
export function createRedisTransport(options: {
  redis: Redis
  stream?: string
  deadLetterStream?: string
}): BrokerTransport {
  const { redis, stream = 'broker:events', deadLetterStream = 'broker:dead-letters' } = options
  // A blocked XREADGROUP holds its connection, so each concurrent reader needs its own.
  const idle: Redis[] = []
  const all = new Set<Redis>()
  let closed = false

  function borrow(): Redis {
    const existing = idle.pop()
    if (existing) return existing
    // A commandTimeout shorter than blockMs would fail every quiet read; the offline queue
    // lets this lazy copy's first read wait for its connection.
    const connection = redis.duplicate({ commandTimeout: undefined, enableOfflineQueue: true })
    // Errors reach the waiting read; without a listener ioredis would also print them.
    connection.on('error', () => {})
    all.add(connection)
    return connection
  }

  const aliveKey = (consumer: string) => `${stream}:alive:${consumer}`
  // Read only: appends are the log's own, below.
  const tail = createRedisFeed({ redis, stream })

  /** Claimed entries as the caller gets them, with trimmed ones acknowledged and left out. */
  async function adopt(group: string, claimed: RawEntry[], deleted: string[]): Promise<Entry[]> {
    // Entries trimmed while pending: Redis 7 drops them from the PEL and lists them apart,
    // Redis 6.2 hands them out with no fields. Either way nobody can deliver them now.
    const gone = [...deleted, ...claimed.filter(([, fields]) => !fields).map(([id]) => id)]
    if (gone.length) await redis.xack(stream, group, ...gone)
    const live = claimed.filter(([, fields]) => fields)
    if (!live.length) return []
    const batch = redis.pipeline()
    for (const [id] of live) batch.xpending(stream, group, id, id, 1)
    // An entry acked meanwhile has no row; a claimed entry was delivered twice at least.
    const counts = (await run(batch)).map((rows) => Number((rows as unknown[][])[0]?.[3] ?? 2))
    return live.flatMap((raw, i) => entries([raw], counts[i] ?? 2))
  }

  /** Claims for `consumer` up to `count` of the entries `from` holds. */
  async function takeOver(
    group: string,
    from: string,
    consumer: string,
    minIdleMs: number,
    count: number,
  ): Promise<Entry[]> {
    const rows = (await redis.xpending(stream, group, '-', '+', count, from)) as [string][]
    if (!rows.length) return []
    // The minimum idle time makes the claim exclusive: a rescuer that just took an entry reset
    // its idle time, so another one racing on the same consumer gets nothing.
    const ids = rows.map(([id]) => id)
    const claimed = (await redis.xclaim(stream, group, consumer, minIdleMs, ...ids)) as RawEntry[]
    return adopt(group, claimed, [])
  }

  function entries(raw: RawEntry[], deliveries: number): Entry[] {
    return raw.flatMap(([id, fields]) => {
      const event = fields && record(fields).event
      return typeof event === 'string' ? [{ id, event, deliveries }] : []
    })
  }

  return {
    async append(events) {
      if (!events.length) return []
      // One event needs no MULTI; a plain XADD lets auto-pipelining merge concurrent appends.
      if (events.length === 1) return [String(await redis.xadd(stream, '*', 'event', events[0]!))]
      const batch = redis.multi()
      for (const event of events) batch.xadd(stream, '*', 'event', event)
      return (await run(batch)).map(String)
    },

    follow: (listener) => tail.follow(listener),

    async ensureGroup(group) {
      try {
        await redis.xgroup('CREATE', stream, group, '$', 'MKSTREAM')
      } catch (error) {
        if (!(error instanceof Error && error.message.startsWith('BUSYGROUP'))) throw error
      }
    },

    async readNew(group, consumer, count, blockMs) {
      if (closed) return []
      const connection = borrow()
      try {
        const args = ['GROUP', group, consumer, 'COUNT', count] as const
        // BLOCK 0 would wait forever; the contract's 0 means "do not wait".
        const reply: unknown =
          blockMs > 0
            ? await connection.xreadgroup(...args, 'BLOCK', blockMs, 'STREAMS', stream, '>')
            : await connection.xreadgroup(...args, 'STREAMS', stream, '>')
        return entries(onlyStream(reply), 1)
      } catch (error) {
        // close() disconnects blocked readers: their "Connection is closed." means "stop".
        if (closed) return []
        throw error
      } finally {
        if (!closed) idle.push(connection)
      }
    },

    async claimStale(group, consumer, minIdleMs, count) {
      const [, claimed = [], deleted = []] = (await redis.xautoclaim(
        stream,
        group,
        consumer,
        minIdleMs,
        '0-0',
        'COUNT',
        count,
      )) as [string, RawEntry[], string[]?]
      return adopt(group, claimed, deleted)
    },

    async markAlive(consumer, ttlMs) {
      await redis.set(aliveKey(consumer), '1', 'PX', ttlMs)
    },

    async claimAbandoned(group, consumer, silentMs, count) {
      const silent = ((await redis.xinfo('CONSUMERS', stream, group)) as unknown[])
        .map(record)
        .filter((c) => c.name !== consumer && Number(c.idle) >= silentMs)
        .map((c) => ({ name: String(c.name), pending: Number(c.pending) }))
      if (!silent.length) return []
      const marks = await run(
        silent.reduce((batch, c) => batch.exists(aliveKey(c.name)), redis.pipeline()),
      )
      const dead = silent.filter((_, i) => !marks[i])
      const taken: Entry[] = []
      for (const { name, pending } of dead) {
        if (pending > 0 && taken.length < count) {
          taken.push(...(await takeOver(group, name, consumer, silentMs, count - taken.length)))
        }
        // Consumers are named per process start, so the dead ones would pile up otherwise.
        await redis.eval(FORGET_IF_EMPTY, 1, stream, group, name)
      }
      return taken
    },

    async ack(group, id) {
      await redis.xack(stream, group, id)
    },

    async pendingCount(group) {
      const [count] = (await redis.xpending(stream, group)) as [number]
      return Number(count)
    },

    async lag(group) {
      const groups = (await redis.xinfo('GROUPS', stream)) as unknown[]
      const info = groups.map(record).find((g) => g.name === group)
      if (!info) throw new Error(`NOGROUP no such consumer group '${group}'`)
      // Redis 7 reports lag, except after deletions it cannot see past (null); 6.2 never does.
      if (info.lag != null) return Number(info.lag)
      const after = await redis.xrange(stream, `(${String(info['last-delivered-id'])}`, '+')
      return after.length
    },

    async deadLetter({ trigger, event }) {
      const deadAt = String(Date.now())
      const args = ['trigger', trigger, 'event', event, 'deadAt', deadAt]
      return String(await redis.xadd(deadLetterStream, '*', ...args))
    },

    async listDeadLetters(limit) {
      if (limit <= 0) return []
      const raw = await redis.xrevrange(deadLetterStream, '+', '-', 'COUNT', limit)
      return raw.map(([id, fields]): DeadLetter => {
        const { trigger, event, deadAt } = record(fields)
        return {
          id,
          trigger: String(trigger),
          event: String(event),
          deadAt: new Date(Number(deadAt)),
        }
      })
    },

    async deadLetterCount() {
      return redis.xlen(deadLetterStream)
    },

    async removeDeadLetter(id) {
      return (await redis.xdel(deadLetterStream, id)) > 0
    },

    async trim({ maxAgeMs, maxLength }) {
      // Server time: ids are stamped by Redis, and the broker's clock may be off.
      const oldest = (await redisNowMs(redis)) - maxAgeMs
      // Exact (=), not ~: this runs on a timer rather than per XADD, and `~` only drops whole
      // radix nodes (100 entries), so a small log would never shrink.
      await run(
        redis
          .multi()
          .xtrim(stream, 'MINID', '=', `${Math.max(0, oldest)}-0`)
          .xtrim(stream, 'MAXLEN', '=', maxLength)
          .xtrim(deadLetterStream, 'MAXLEN', '=', maxLength),
      )
    },

    async ping() {
      await redis.ping()
    },

    async close() {
      closed = true
      for (const connection of all) connection.disconnect()
      all.clear()
      idle.length = 0
    },
  }
}
