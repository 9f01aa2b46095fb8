import { runProcess, type ProcessBooted, type ProcessSetup } from '@dropmate/runtime'
import { createApiDeps, type ProcessApiDeps } from './deps'

export interface Booted extends Omit<ProcessBooted<ProcessApiDeps>, 'deps'> {
  api: ProcessApiDeps
}

/**
 * Starts a process that serves API functions (runProcess), with the API's dependencies
 * built around its database: auth, the tracking cache, the broker's event log, locations.
 */
export function runHttpProcess(setup: (booted: Booted) => Promise<ProcessSetup>): void {
  runProcess(
    (config, db) => createApiDeps(config, db.sql),
    ({ deps, ...booted }) => setup({ ...booted, api: deps }),
  )
}
