import { healthRoutes, notFound, onError } from '@dropmate/runtime'
import { Hono } from 'hono'
import type { Monitor } from './monitor'

/**
 * `GET /health` (the process answers) and `GET /ready` (every watch is open). Readiness
 * never looks at email or the broker: without them alerts are logged, which is no fault.
 *
 * @example
 * monitorHealth(monitor, () => draining).request('/ready') // 503 until every watch is open
 */
export function monitorHealth(monitor: Pick<Monitor, 'notWatching'>, isDraining: () => boolean) {
  return healthRoutes({
    isDraining,
    checks: {
      kubernetes: async () => {
        const missing = monitor.notWatching()
        if (missing.length > 0) throw new Error(`not watching ${missing.join(', ')}`)
      },
    },
  })
}

/**
 * The monitor's HTTP app: the apps it is given, one after the other, with problem responses
 * for errors and unknown routes. A list, so another endpoint joins as one more entry.
 *
 * @example
 * createMonitorApp([monitorHealth(monitor, () => draining)])
 */
export function createMonitorApp(apps: Hono[]) {
  const app = new Hono()
  for (const part of apps) app.route('/', part)
  app.notFound(notFound)
  app.onError(onError)
  return app
}
