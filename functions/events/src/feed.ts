import { logger } from '@dropmate/runtime'
import type { EncodedEvent } from './transport'

/**
 * A log every reader reads whole, from the moment it starts following: the positions each
 * realtime gateway sends on, the changes every process applies for itself. Unlike the
 * broker's log there are no groups and nothing to acknowledge: each replica sees every
 * event, in order, in batches. A follower cut off for a while catches up from where it was,
 * as far back as the feed keeps events.
 */
export interface Feed {
  /** Appends events in order; resolves once followers can read them. */
  append(events: EncodedEvent[]): Promise<void>
  /** Calls `listener` with every batch appended after `ready` resolves, in order. */
  follow(listener: (events: EncodedEvent[]) => void, options?: FollowOptions): Follower
}

export interface FollowOptions {
  /**
   * Also hands over, first, what was appended this long before following began, as far as
   * the feed keeps it (a memory feed keeps nothing): a reader that restarts picks up what
   * was appended while it was away.
   */
  replayMs?: number
}

export interface Follower {
  /** Resolves once the follower knows where the feed ends: later appends reach it. */
  ready: Promise<void>
  /** Stops following; no batch is handed over after this resolves. */
  close(): Promise<void>
}

/** Hands a batch to a listener; one that throws is logged and does not stop the feed. */
export function handOver(listener: (events: EncodedEvent[]) => void, events: EncodedEvent[]) {
  try {
    listener(events)
  } catch (error) {
    logger.error({ err: error }, 'feed listener failed')
  }
}
