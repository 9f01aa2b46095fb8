import type { AnyApp } from '@dropmate/runtime'
import { serveApps, type ServerDeps } from './function-server'
import { FUNCTIONS } from './functions'

/**
 * The one-process DropMate: every function, the broker, realtime and the dashboard mounted
 * on one app. Tests call `createServer(deps).request(...)` without binding a port. `extra`
 * goes after the functions: the dashboard's catch-all must not be the first route a
 * function's request matches, which is the route its logs and metrics are counted under.
 */
export function createServer(deps: ServerDeps, extra: Record<string, AnyApp> = {}) {
  const functions = FUNCTIONS.map((fn) => [fn.name, fn.app(deps.api)])
  return serveApps(deps, { ...Object.fromEntries(functions), ...extra })
}
