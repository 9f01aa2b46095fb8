import { dataRefusal, insertPings, setPingAside, type PingRow, type Sql } from '@dropmate/db'
import { Counter, logger, metrics } from '@dropmate/runtime'

// A ping the history refuses for its data: rare, each one a bug or a broken phone to look at.
const pingsSetAside = new Counter({
  name: 'dropmate_ping_history_set_aside_total',
  help: 'Pings the history refused for their data, kept in rejected_pings instead',
  labelNames: ['sqlstate'] as const,
  registers: [metrics],
})

export interface HistoryWriter {
  /**
   * Queues pings and starts writing at once, with whatever else is queued: resolves once they
   * are in the history (or set aside), rejects if that write failed. Either way they stay
   * queued until written, tried again every `flushEveryMs`.
   */
  write(pings: PingRow[]): Promise<void>
  /** Pings accepted and not yet in the history. */
  queued(): number
  /**
   * Stops the timer and writes what is queued, trying again until `closeTimeoutMs` has
   * passed; fails, counting them, if pings are left unwritten. Call on shutdown.
   */
  close(): Promise<void>
}

/**
 * Writes ping history in batches, as a group commit: requests arriving while a write is in
 * flight share the next one (up to `maxBatch` pings an INSERT) instead of a round trip each,
 * which is what lets ingest keep up with a fleet, and each is answered once its pings are
 * written, so a kill -9 loses no ping acknowledged. The latest position is already in the
 * location store by the time a ping waits here.
 *
 * A batch the database cannot take (connection lost, server down) stays queued and is tried
 * again, in order; writing twice is harmless, as the history keeps a CloudEvent once. A ping
 * the database refuses for its data is set aside in `rejected_pings`, so it never holds up
 * the pings behind it.
 */
export function createHistoryWriter(
  sql: Sql,
  options: { flushEveryMs?: number; maxBatch?: number; closeTimeoutMs?: number } = {},
): HistoryWriter {
  const { flushEveryMs = 200, maxBatch = 1_000, closeTimeoutMs = 10_000 } = options
  // Oldest first; a batch leaves the front only once it is written.
  const queue: PingRow[] = []
  let writing: Promise<void> = Promise.resolve()
  let failing = false
  // Pings ever queued and ever written: a `write` waits until its last ping is written.
  let queuedTotal = 0
  let writtenTotal = 0
  const waiting: Array<{ upTo: number } & PromiseWithResolvers<void>> = []

  async function writeQueued() {
    while (queue.length > 0) {
      const batch = queue.slice(0, maxBatch)
      try {
        await writeOrSetAside(sql, batch)
      } catch (error) {
        // Once per outage: the timer tries again every `flushEveryMs`.
        if (!failing)
          logger.warn({ err: error, queued: queue.length }, 'ping history write failed, will retry')
        failing = true
        for (const waiter of waiting.splice(0)) waiter.reject(error)
        return
      }
      queue.splice(0, batch.length)
      writtenTotal += batch.length
      // Waiters are in queue order: those up to here are written.
      const pending = waiting.findIndex((waiter) => waiter.upTo > writtenTotal)
      for (const waiter of waiting.splice(0, pending === -1 ? waiting.length : pending)) {
        waiter.resolve()
      }
      if (failing) logger.info({ queued: queue.length }, 'ping history writing again')
      failing = false
    }
  }

  // One write at a time, in order.
  const flush = () => (writing = writing.then(writeQueued))

  // Started by the first write: every API process has a writer, and most never take a ping.
  let timer: NodeJS.Timeout | undefined

  return {
    write(pings) {
      timer ??= setInterval(() => void flush(), flushEveryMs).unref()
      queue.push(...pings)
      queuedTotal += pings.length
      const waiter = { upTo: queuedTotal, ...Promise.withResolvers<void>() }
      waiting.push(waiter)
      void flush()
      return waiter.promise
    },
    queued: () => queue.length,
    async close() {
      clearInterval(timer)
      const deadline = Date.now() + closeTimeoutMs
      await flush()
      while (queue.length > 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, Math.min(flushEveryMs, closeTimeoutMs)))
        await flush()
      }
      if (queue.length === 0) return
      logger.error({ lost: queue.length }, 'ping history lost at shutdown')
      throw new Error(`${queue.length} accepted pings never reached the history`)
    },
  }
}

/**
 * Inserts the batch; if the database refuses it for its data, halves it until the refused
 * pings stand alone and sets those aside: a few statements per bad ping, none for good ones.
 * Any other failure propagates, leaving the batch to be tried again.
 */
async function writeOrSetAside(sql: Sql, batch: PingRow[]): Promise<void> {
  try {
    await insertPings(sql, batch)
  } catch (error) {
    const refusal = dataRefusal(error)
    if (!refusal) throw error
    if (batch.length === 1) {
      await setPingAside(sql, batch[0]!, refusal)
      pingsSetAside.inc({ sqlstate: refusal.sqlstate })
      logger.warn(
        { driverId: batch[0]!.driverId, ...refusal },
        'ping refused by the history, set aside',
      )
      return
    }
    const half = Math.ceil(batch.length / 2)
    await writeOrSetAside(sql, batch.slice(0, half))
    await writeOrSetAside(sql, batch.slice(half))
  }
}
