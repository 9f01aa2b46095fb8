import { insertPings, type PingRow, type Sql } from '@dropmate/db'
import { logger } from '@dropmate/runtime'

export interface HistoryWriter {
  /** Queues pings for the history; they are written within `flushEveryMs`. */
  add(pings: PingRow[]): void
  /** Writes everything queued now. */
  flush(): Promise<void>
  /** Flushes and stops the timer: call on shutdown. */
  close(): Promise<void>
}

/**
 * Writes ping history in batches: one INSERT per `flushEveryMs` (or per `maxBatch` pings)
 * instead of one round trip per request, which is what lets ingest keep up with a fleet.
 * The latest position is already in the location store by the time a ping waits here.
 */
export function createHistoryWriter(
  sql: Sql,
  options: { flushEveryMs?: number; maxBatch?: number } = {},
): HistoryWriter {
  const { flushEveryMs = 200, maxBatch = 1_000 } = options
  let queue: PingRow[] = []
  let writing: Promise<void> = Promise.resolve()

  const flush = () => {
    const batch = queue
    queue = []
    // One write at a time, in order; a failed batch goes back to the front for the next try.
    writing = writing.then(async () => {
      for (let i = 0; i < batch.length; i += maxBatch) {
        const part = batch.slice(i, i + maxBatch)
        try {
          await insertPings(sql, part)
        } catch (error) {
          logger.warn({ err: error, pings: part.length }, 'ping history write failed, will retry')
          queue = [...part, ...batch.slice(i + maxBatch), ...queue]
          return
        }
      }
    })
    return writing
  }

  const timer = setInterval(() => void flush(), flushEveryMs)
  timer.unref()
  return {
    add(pings) {
      queue.push(...pings)
      if (queue.length >= maxBatch) void flush()
    },
    flush,
    async close() {
      clearInterval(timer)
      await flush()
    },
  }
}
