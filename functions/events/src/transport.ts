import type { Feed } from './feed'

/**
 * Where the broker keeps events between ingress and delivery: Redis Streams in production,
 * memory in the embedded default. Both honour the same contract (test/transport-contract.ts):
 * one log of events; per Trigger a consumer group that sees every event appended after the
 * group was created, at least once; entries stay pending until acknowledged, and pending
 * entries idle too long, or held by a consumer no longer alive, can be claimed by another
 * consumer; a dead-letter log kept for inspection and replay.
 */

/** A CloudEvent as the log keeps it: its structured-mode JSON, every attribute preserved. */
export type EncodedEvent = string

export interface Entry {
  /** Log position, unique and increasing ("1700000000000-0" in Redis). */
  id: string
  event: EncodedEvent
  /** How many times this entry has been handed to a consumer of this group, this one included. */
  deliveries: number
}

export interface DeadLetter {
  id: string
  /** The Trigger whose delivery gave up. */
  trigger: string
  /** The event with the knativeerror* extensions added. */
  event: EncodedEvent
  deadAt: Date
}

/**
 * What a producer needs of the log: appending, nothing else. Functions that publish at a rate
 * the outbox should not carry (GPS pings) append here directly.
 */
export type EventLog = Pick<BrokerTransport, 'append'>

export interface BrokerTransport {
  /** Appends events in order; resolves once they are durable in the log. */
  append(events: EncodedEvent[]): Promise<string[]>
  /**
   * Every event appended from now on, whole and in order, outside any group: for a view a
   * process keeps of its own (what each driver carries), as a feed's follower reads it.
   */
  follow: Feed['follow']
  /** Creates the group at the log's current end if it does not exist yet. */
  ensureGroup(group: string): Promise<void>
  /**
   * Entries new to the group, handed to `consumer`, waiting up to `blockMs` for the first
   * one. Returns [] on timeout or once `close()` was called.
   */
  readNew(group: string, consumer: string, count: number, blockMs: number): Promise<Entry[]>
  /** Takes over entries another consumer has held unacknowledged for `minIdleMs` or longer. */
  claimStale(group: string, consumer: string, minIdleMs: number, count: number): Promise<Entry[]>
  /** Says `consumer` is alive for the next `ttlMs`: nobody takes over its entries meanwhile. */
  markAlive(consumer: string, ttlMs: number): Promise<void>
  /**
   * Takes over the entries of consumers that are not marked alive and have not read from the
   * group for `silentMs` (Redis before 7.2 counts only reads that were handed entries): they
   * died holding them. Forgets such consumers once they hold none.
   */
  claimAbandoned(group: string, consumer: string, silentMs: number, count: number): Promise<Entry[]>
  /** Marks an entry done for the group. */
  ack(group: string, id: string): Promise<void>
  /** Entries of the group delivered but not yet acknowledged. */
  pendingCount(group: string): Promise<number>
  /** Entries appended but not yet handed to the group (the group's lag). */
  lag(group: string): Promise<number>
  deadLetter(letter: Omit<DeadLetter, 'id' | 'deadAt'>): Promise<string>
  listDeadLetters(limit: number): Promise<DeadLetter[]>
  /** How many dead letters wait for a replay or removal. */
  deadLetterCount(): Promise<number>
  removeDeadLetter(id: string): Promise<boolean>
  /** Drops log entries older than `maxAgeMs` and beyond `maxLength`, keeping memory bounded. */
  trim(options: { maxAgeMs: number; maxLength: number }): Promise<void>
  /** Resolves when the log answers: after an outage, whether it is back. */
  ping(): Promise<void>
  /** Wakes blocked reads so they return [], and releases connections. */
  close(): Promise<void>
  /**
   * Only on a log a crash wipes (memory): calls `listener` with the ids of entries every group
   * has acknowledged (or retention dropped), so whoever appended them keeps its own durable
   * copy until then. Redis keeps entries itself and has no such hook.
   */
  onSettled?(listener: (ids: string[]) => void): void
}
