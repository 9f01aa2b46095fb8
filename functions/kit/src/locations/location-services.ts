import type { Config } from '@dropmate/core'
import type { Sql } from '@dropmate/db'
import type { Feed } from '@dropmate/events'
import type { Redis } from 'ioredis'
import { createDeliveryDirectory, type DeliveryDirectory } from './delivery-directory'
import { createHistoryWriter, type HistoryWriter } from './history-writer'
import type { LocationStore } from './location-store'
import { createMemoryLocationStore } from './memory-location-store'
import { createRedisLocationStore } from './redis-location-store'

/** Where drivers are: their latest fixes, the history of every ping, what each carries. */
export interface LocationServices {
  store: LocationStore
  history: HistoryWriter
  deliveries: DeliveryDirectory
}

// A phone that has not reported for this long is off the map (switched off, out of battery).
const STALE_AFTER_MS = 10 * 60_000

/**
 * The location services of a process, one set for every function it serves: ingest and
 * nearby mounted in one process must see one store (in memory, two would each know half the
 * fleet), and tracking and going off duty read and clear positions through it too. Redis
 * keeps the latest fixes when configured, memory otherwise; new ones are announced on
 * `positions`. What drivers carry is kept from the shipment events `published` on the
 * broker's log. Close the history and the deliveries on shutdown.
 */
export function createLocationServices(
  config: Pick<Config, 'SHUTDOWN_TIMEOUT_MS'>,
  sql: Sql,
  redis: Redis | undefined,
  feeds: { positions: Feed; published: Pick<Feed, 'follow'> },
): LocationServices {
  const { positions, published } = feeds
  const store = redis
    ? createRedisLocationStore({ redis, staleAfterMs: STALE_AFTER_MS })
    : createMemoryLocationStore({ staleAfterMs: STALE_AFTER_MS, positions })
  // A database still away at shutdown gets as long as requests in flight do.
  const history = createHistoryWriter(sql, { closeTimeoutMs: config.SHUTDOWN_TIMEOUT_MS })
  return { store, history, deliveries: createDeliveryDirectory(sql, published) }
}
