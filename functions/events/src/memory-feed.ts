import { handOver, type Feed } from './feed'
import type { EncodedEvent } from './transport'

/**
 * A feed within one process, for the embedded default: the appends of one turn of the event
 * loop reach each follower as one batch, right after that turn, as a Redis read would gather
 * what arrived while the follower was busy.
 */
export function createMemoryFeed(): Feed {
  const listeners = new Set<(events: EncodedEvent[]) => void>()
  let pending: EncodedEvent[] = []

  const handOverPending = () => {
    const batch = pending
    pending = []
    for (const listener of listeners) handOver(listener, batch)
  }

  return {
    async append(events) {
      if (events.length === 0 || listeners.size === 0) return
      if (pending.length === 0) queueMicrotask(handOverPending)
      pending.push(...events)
    },
    follow(listener) {
      listeners.add(listener)
      return {
        ready: Promise.resolve(),
        close: async () => void listeners.delete(listener),
      }
    },
  }
}
