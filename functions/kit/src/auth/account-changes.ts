import { findRecentAccessChanges, type AccessVersion, type Sql } from '@dropmate/db'
import type { EncodedEvent, Feed, Follower } from '@dropmate/events'
import { logger } from '@dropmate/runtime'
import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'

/** The announcement's CloudEvent type: internal to the processes, never on the broker. */
const ACCOUNT_CHANGED = 'com.dropmate.account.access_changed.v1'
// A start's reading of recent changes that failed is tried again this far apart, doubling up
// to the cap: the database is usually back within seconds.
const RETRY_MS = { first: 250, max: 5_000 }
// How long a starting process waits for the feed before reading recent changes anyway: a
// Redis outage must not hold up its start (the changes are in PostgreSQL all the same).
const FEED_WAIT_MS = 2_000
// Tokens expire by the clock of the process that checks them, minted by another's: a version
// is kept this much longer than a token's lifetime in case the clocks differ.
const CLOCK_SKEW_MS = 60_000
// A recheck reads the changes made this recently: well over its interval plus the time a
// change's transaction takes (access_changed_at is when the transaction began).
const RECHECK_WINDOW_SECONDS = 10

/**
 * What this process knows of changes to what accounts may do, so tokens are checked without
 * a query: each account's latest access version, learned from the accounts feed (which
 * every process follows), at start from the accounts changed within a token's lifetime, and
 * where processes share accounts from a recheck of PostgreSQL every second or so.
 * A version older than a token's lifetime is forgotten: every token minted under it expired.
 */
export interface AccountChanges {
  /**
   * Starts following on the first call, and resolves once this process knows the changes of
   * the last token lifetime: await it before `counts`. A process whose requests check no
   * token (a public lookup, a login) never follows, which keeps it out of a cold start.
   */
  ready(): Promise<void>
  /** Whether a token minted at `version` of the account still counts here (after `ready`). */
  counts(userId: string, version: number): boolean
  /**
   * Tells every process, after the change committed: this one at once, the others through
   * the feed. One the feed refuses (Redis away) reaches them by their recheck instead.
   */
  announce(change: AccessVersion): Promise<void>
  /** Calls `listener` with each change this process learns of (following from now on); returns how to stop. */
  onChange(listener: (change: AccessVersion) => void): () => void
  /** Stops following. */
  close(): Promise<void>
}

export interface AccountChangesOptions {
  feed: Feed
  sql: Sql
  /** The access tokens' lifetime: how long a change matters. */
  tokenTtlSeconds: number
  /**
   * How often to also read the latest changes from PostgreSQL, where other processes share
   * the accounts (Redis configured). An announcement dies with a process killed between its
   * commit and the feed, and waits while Redis is away; the recheck bounds both gaps by this
   * interval instead of a token's lifetime. None in a process that is the only one.
   */
  recheckMs?: number
}

export function followAccountChanges(options: AccountChangesOptions): AccountChanges {
  const { feed, sql, tokenTtlSeconds, recheckMs } = options
  const versions = new Map<string, { version: number; learnedAt: number }>()
  const listeners = new Set<(change: AccessVersion) => void>()
  const stopped = new AbortController()
  let follower: Follower | undefined
  let ready: Promise<void> | undefined

  const learn = ({ userId, version }: AccessVersion) => {
    const known = versions.get(userId)
    if (known && known.version >= version) return
    // Insertion order is learning order: the oldest entries are first, to be forgotten.
    versions.delete(userId)
    versions.set(userId, { version, learnedAt: Date.now() })
    forgetOutlived()
    for (const listener of listeners) listener({ userId, version })
  }

  const forgetOutlived = () => {
    const before = Date.now() - tokenTtlSeconds * 1_000 - CLOCK_SKEW_MS
    for (const [userId, { learnedAt }] of versions) {
      if (learnedAt >= before) return
      versions.delete(userId)
    }
  }

  const follow = async () => {
    const following = feed.follow((events) => {
      for (const event of events) {
        const change = decodeChange(event)
        if (change) learn(change)
      }
    })
    follower = following
    // Following first, then reading: a change is in the reading, in the feed, or in both.
    await Promise.race([following.ready, sleep(FEED_WAIT_MS, undefined, { ref: false })])
    await loadRecent(sql, tokenTtlSeconds, learn, stopped.signal)
    if (recheckMs) void recheckEvery(recheckMs, sql, learn, stopped.signal)
  }
  const start = () => (ready ??= stopped.signal.aborted ? Promise.resolve() : follow())

  return {
    ready: start,
    counts(userId, version) {
      const known = versions.get(userId)
      return !known || version >= known.version
    },
    async announce(change) {
      learn(change)
      await feed.append([encodeChange(change)]).catch((error: unknown) => {
        logger.warn({ err: error }, 'account change not announced; a recheck will find it')
      })
    },
    onChange(listener) {
      void start()
      listeners.add(listener)
      return () => void listeners.delete(listener)
    },
    async close() {
      stopped.abort()
      await follower?.close()
    },
  }
}

/**
 * The changes of the last token lifetime, read once at start. A database that is away then
 * is asked again in the background: until it answers, tokens of accounts changed while this
 * process was down count until they expire, as they would have before it started.
 */
async function loadRecent(
  sql: Sql,
  seconds: number,
  learn: (change: AccessVersion) => void,
  stopped: AbortSignal,
) {
  const load = async () => {
    for (const change of await findRecentAccessChanges(sql, seconds)) learn(change)
  }
  try {
    await load()
  } catch (error) {
    logger.warn({ err: error }, 'recent account changes not read yet; trying again')
    void (async () => {
      for (let delay = RETRY_MS.first; !stopped.aborted; delay = nextDelay(delay)) {
        await sleep(delay, undefined, { signal: stopped }).catch(() => {})
        if (stopped.aborted) return
        if (
          await load().then(
            () => true,
            () => false,
          )
        )
          return
      }
    })()
  }
}

/** Reads the latest changes every `ms` until stopped; a database away is tried again next time. */
async function recheckEvery(
  ms: number,
  sql: Sql,
  learn: (change: AccessVersion) => void,
  stopped: AbortSignal,
) {
  let failing = false
  while (!stopped.aborted) {
    await sleep(ms, undefined, { signal: stopped, ref: false }).catch(() => {})
    if (stopped.aborted) return
    try {
      for (const change of await findRecentAccessChanges(sql, RECHECK_WINDOW_SECONDS)) learn(change)
      failing = false
    } catch (error) {
      if (!failing) logger.warn({ err: error }, 'account changes not rechecked; trying again')
      failing = true
    }
  }
}

const nextDelay = (delay: number) => Math.min(delay * 2, RETRY_MS.max)

/** The announcement as a structured-mode CloudEvent, written directly: it is ours alone. */
function encodeChange(change: AccessVersion): EncodedEvent {
  return JSON.stringify({
    specversion: '1.0',
    id: randomUUID(),
    source: '/auth',
    type: ACCOUNT_CHANGED,
    subject: change.userId,
    time: new Date().toISOString(),
    datacontenttype: 'application/json',
    data: change,
  })
}

function decodeChange(event: EncodedEvent): AccessVersion | undefined {
  try {
    const { type, data } = JSON.parse(event) as { type?: unknown; data?: Partial<AccessVersion> }
    if (type !== ACCOUNT_CHANGED) return undefined
    if (typeof data?.userId !== 'string' || !Number.isInteger(data.version)) return undefined
    return { userId: data.userId, version: data.version! }
  } catch {
    return undefined
  }
}
