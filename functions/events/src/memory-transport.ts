import { createMemoryFeed } from './memory-feed'
import type { BrokerTransport, DeadLetter, EncodedEvent, Entry } from './transport'

interface Logged {
  id: string
  ms: number
  seq: number
  event: EncodedEvent
  /** Groups that have yet to acknowledge the entry: those there were when it was appended. */
  awaiting: number
}

interface Group {
  /** Position of the last entry handed out; later entries are new to the group. */
  last: { ms: number; seq: number }
  /** Insertion order is id order: entries are first delivered in log order. */
  pending: Map<string, { consumer: string; deliveries: number; since: number }>
  /** When each consumer last read or claimed, as Redis keeps it for XINFO CONSUMERS. */
  seen: Map<string, number>
}

/**
 * The broker's log kept in this process, for the embedded default without Redis: the same
 * contract as the Redis transport, and nothing survives a restart. What must survive one is
 * kept by whoever appended it until `onSettled` reports it done (the outbox relay does).
 */
export function createMemoryTransport(): BrokerTransport {
  let log: Logged[] = []
  const groups = new Map<string, Group>()
  let deadLetters: DeadLetter[] = []
  // Until when each consumer is marked alive.
  const alive = new Map<string, number>()
  const wakers = new Set<() => void>()
  // The last id generated, trimmed or not: a new group starts here, like Redis's `$`.
  const last = { ms: 0, seq: 0 }
  let closed = false
  const settledListeners: Array<(ids: string[]) => void> = []
  let settled: string[] = []
  const appended = createMemoryFeed()

  // Like Redis: ids never go back, even when the clock does.
  function nextId(): { id: string; ms: number; seq: number } {
    const now = Date.now()
    if (now > last.ms) Object.assign(last, { ms: now, seq: 0 })
    else last.seq += 1
    return { id: `${last.ms}-${last.seq}`, ...last }
  }

  // Ids compare as (milliseconds, sequence) pairs, not as strings ("9-0" < "10-0").
  function firstAfter(position: Group['last']): number {
    let [low, high] = [0, log.length]
    while (low < high) {
      const mid = (low + high) >> 1
      const e = log[mid]!
      if (e.ms < position.ms || (e.ms === position.ms && e.seq <= position.seq)) low = mid + 1
      else high = mid
    }
    return low
  }

  function find(id: string): Logged | undefined {
    const [ms = 0, seq = 0] = id.split('-').map(Number)
    const logged = log[firstAfter({ ms, seq: seq - 1 })]
    return logged?.id === id ? logged : undefined
  }

  // Reported together once the current turn is over: after `append` has returned the ids.
  function settle(ids: string[]): void {
    if (settledListeners.length === 0 || ids.length === 0) return
    if (settled.length === 0) {
      setImmediate(() => {
        const batch = settled
        settled = []
        for (const listener of settledListeners) listener(batch)
      })
    }
    settled.push(...ids)
  }

  function group(name: string): Group {
    const found = groups.get(name)
    // Redis answers NOGROUP; failing alike keeps a forgotten ensureGroup visible in tests.
    if (!found) throw new Error(`NOGROUP no such consumer group '${name}'`)
    return found
  }

  function wake(): void {
    for (const resolve of wakers) resolve()
    wakers.clear()
  }

  function waitForAppend(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer)
        wakers.delete(done)
        resolve()
      }
      const timer = setTimeout(done, ms)
      wakers.add(done)
    })
  }

  function take(name: string, consumer: string, count: number): Entry[] {
    const g = group(name)
    g.seen.set(consumer, Date.now())
    const start = firstAfter(g.last)
    const fresh = log.slice(start, start + count)
    const since = Date.now()
    for (const { id } of fresh) g.pending.set(id, { consumer, deliveries: 1, since })
    const newest = fresh[fresh.length - 1]
    if (newest) g.last = { ms: newest.ms, seq: newest.seq }
    return fresh.map(({ id, event }) => ({ id, event, deliveries: 1 }))
  }

  /** Hands `consumer` the pending entries `stale` picks, as redeliveries. */
  function claim(
    name: string,
    consumer: string,
    count: number,
    stale: (held: { consumer: string; since: number }, now: number) => boolean,
  ): Entry[] {
    const g = group(name)
    const now = Date.now()
    g.seen.set(consumer, now)
    const claimed: Entry[] = []
    for (const [id, held] of g.pending) {
      if (claimed.length >= count) break
      if (!stale(held, now)) continue
      const logged = find(id)
      if (!logged) continue
      Object.assign(held, { consumer, deliveries: held.deliveries + 1, since: now })
      claimed.push({ id, event: logged.event, deliveries: held.deliveries })
    }
    return claimed
  }

  return {
    async append(events) {
      const ids = events.map((event) => {
        const id = nextId()
        log.push({ ...id, event, awaiting: groups.size })
        return id.id
      })
      // No group will ever read them: nothing to wait for.
      if (groups.size === 0) settle(ids)
      wake()
      await appended.append(events)
      return ids
    },

    follow: (listener) => appended.follow(listener),

    async ensureGroup(name) {
      if (!groups.has(name))
        groups.set(name, { last: { ...last }, pending: new Map(), seen: new Map() })
    },

    async readNew(name, consumer, count, blockMs) {
      const deadline = Date.now() + blockMs
      while (!closed) {
        const entries = take(name, consumer, count)
        if (entries.length) return entries
        const left = deadline - Date.now()
        if (left <= 0) break
        await waitForAppend(left)
      }
      return []
    },

    async claimStale(name, consumer, minIdleMs, count) {
      return claim(name, consumer, count, (held, now) => now - held.since >= minIdleMs)
    },

    async markAlive(consumer, ttlMs) {
      alive.set(consumer, Date.now() + ttlMs)
    },

    async claimAbandoned(name, consumer, silentMs, count) {
      const g = group(name)
      const now = Date.now()
      const abandoned = (other: string) =>
        other !== consumer &&
        (alive.get(other) ?? 0) <= now &&
        now - (g.seen.get(other) ?? 0) >= silentMs
      const claimed = claim(name, consumer, count, (held) => abandoned(held.consumer))
      const holding = new Set([...g.pending.values()].map((held) => held.consumer))
      for (const other of g.seen.keys()) {
        if (abandoned(other) && !holding.has(other)) g.seen.delete(other)
      }
      return claimed
    },

    async ack(name, id) {
      if (!groups.get(name)?.pending.delete(id)) return
      const logged = find(id)
      if (logged && --logged.awaiting === 0) settle([id])
    },

    async pendingCount(name) {
      return group(name).pending.size
    },

    async lag(name) {
      return log.length - firstAfter(group(name).last)
    },

    async deadLetter({ trigger, event }) {
      const { id, ms } = nextId()
      deadLetters.push({ id, trigger, event, deadAt: new Date(ms) })
      return id
    },

    async listDeadLetters(limit) {
      return deadLetters.slice(Math.max(0, deadLetters.length - limit)).reverse()
    },

    async deadLetterCount() {
      return deadLetters.length
    },

    async removeDeadLetter(id) {
      const before = deadLetters.length
      deadLetters = deadLetters.filter((letter) => letter.id !== id)
      return deadLetters.length < before
    },

    async trim({ maxAgeMs, maxLength }) {
      const oldest = Date.now() - maxAgeMs
      const young = log.findIndex((e) => e.ms >= oldest)
      const keepFrom = Math.max(0, log.length - maxLength, young === -1 ? log.length : young)
      const gone = log.slice(0, keepFrom)
      const dropped = new Set(gone.map((e) => e.id))
      log = log.slice(keepFrom)
      // Retention gave up on them, as MAXLEN does in Redis: whoever waits should stop.
      settle(gone.filter((e) => e.awaiting > 0).map((e) => e.id))
      // Redis keeps trimmed ids pending until XAUTOCLAIM reports them; here they go at once.
      for (const { pending } of groups.values()) {
        for (const id of pending.keys()) if (dropped.has(id)) pending.delete(id)
      }
      deadLetters = deadLetters.slice(Math.max(0, deadLetters.length - maxLength))
    },

    // In this process's memory: there whenever the process is.
    async ping() {},

    async close() {
      closed = true
      wake()
    },

    onSettled(listener) {
      settledListeners.push(listener)
    },
  }
}
