import { runProcess, type ProcessBooted, type ProcessSetup } from '@dropmate/runtime'
import { createApiDeps, type ProcessApiDeps } from './deps'

export interface Booted extends Omit<ProcessBooted<ProcessApiDeps>, 'deps'> {
  api: ProcessApiDeps
}

/**
 * Starts a process that serves API functions (runProcess), with the API's dependencies
 * built around its database: auth, the tracking cache, the broker's event log, locations.
 * `service` names it in traces: its function, its role, or `dropmate` for the whole server.
 */
export function runHttpProcess(
  setup: (booted: Booted) => Promise<ProcessSetup>,
  service?: string,
): void {
  runProcess(
    (config, db) => createApiDeps(config, db.sql),
    ({ deps, ...booted }) => setup({ ...booted, api: deps }),
    service,
  )
}
