import type { ApiDeps } from '@dropmate/kit'
import { createDeliveryDirectory, type DeliveryDirectory } from './delivery-directory'
import { createHistoryWriter, type HistoryWriter } from './history-writer'
import type { LocationStore } from './location-store'
import { createMemoryLocationStore } from './memory-location-store'
import { createRedisLocationStore } from './redis-location-store'

export interface LocationServices {
  store: LocationStore
  history: HistoryWriter
  deliveries: DeliveryDirectory
}

// A phone that has not reported for this long is off the map (switched off, out of battery).
const STALE_AFTER_MS = 10 * 60_000

const perProcess = new WeakMap<ApiDeps, LocationServices>()

/**
 * The location store and history writer of a process, made once per set of deps: the
 * ingest and nearby functions mounted in one process must see one store (in memory, two
 * would each know half the fleet). The history flushes when the deps close. Other functions
 * of the process (tracking, going off duty) read and clear positions through it too.
 */
export function locationServices(deps: ApiDeps): LocationServices {
  let services = perProcess.get(deps)
  if (!services) {
    const store = deps.redis
      ? createRedisLocationStore({ redis: deps.redis, staleAfterMs: STALE_AFTER_MS })
      : createMemoryLocationStore({ staleAfterMs: STALE_AFTER_MS })
    // A database still away at shutdown gets as long as requests in flight do.
    const history = createHistoryWriter(deps.sql, {
      closeTimeoutMs: deps.config.SHUTDOWN_TIMEOUT_MS,
    })
    deps.defer(() => history.close())
    services = { store, history, deliveries: createDeliveryDirectory(deps.sql) }
    perProcess.set(deps, services)
  }
  return services
}
