import { DriverLocationData } from '@dropmate/contracts/driver-events'
import { EVENT_TYPES } from '@dropmate/contracts/event-types'
import type { DriverLocation } from '@dropmate/contracts/sockets'
import type { EncodedEvent, Feed, Follower } from '@dropmate/events'
import { eventDataIssue, logger } from '@dropmate/runtime'
import { positionsRead } from './metrics'

/**
 * Follows the positions feed (location events as ingest appends them: structured-mode JSON)
 * and hands each position to `offer`, parsed with the contract's schema. An entry that does
 * not read as a driver's position is counted, logged once per batch and skipped: one bad
 * entry must not stop the positions behind it. With `replayMs` it starts that far back, so a
 * gateway that restarts sends what was appended while it was away.
 */
export function followPositions(
  feed: Feed,
  offer: (location: DriverLocation) => void,
  replayMs: number,
): Follower {
  return feed.follow(
    (events) => {
      let unreadable: { count: number; first?: string } = { count: 0 }
      for (const encoded of events) {
        const read = readPosition(encoded)
        if (typeof read === 'string') {
          unreadable = { count: unreadable.count + 1, first: unreadable.first ?? read }
          continue
        }
        offer(read)
      }
      positionsRead.inc({ outcome: 'read' }, events.length - unreadable.count)
      if (unreadable.count === 0) return
      positionsRead.inc({ outcome: 'unreadable' }, unreadable.count)
      logger.warn(
        { skipped: unreadable.count, reason: unreadable.first },
        'positions feed entries skipped: not a driver location',
      )
    },
    { replayMs },
  )
}

/** The position in an entry, or why there is none. */
function readPosition(encoded: EncodedEvent): DriverLocation | string {
  let event: { type?: unknown; data?: unknown }
  try {
    event = JSON.parse(encoded) as typeof event
  } catch {
    return 'not JSON'
  }
  if (event?.type !== EVENT_TYPES.driverLocation) return `type ${String(event?.type)}`
  const parsed = DriverLocationData.safeParse(event.data)
  if (parsed.success) return parsed.data
  return eventDataIssue(parsed.error.issues, event.data)
}
