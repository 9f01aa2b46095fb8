import { createShell, type AnyApp, type ApiDeps } from '@dropmate/api'
import { ConfigError } from '@dropmate/core'
import { pendingMigrations, type Migration, type Sql } from '@dropmate/db'
import { healthRoutes, metricsApp } from '@dropmate/runtime'
import { FUNCTIONS, SERVICES } from './functions'

export interface ServerDeps {
  api: ApiDeps
  migrations: Migration[]
  isDraining?: () => boolean
}

/**
 * The one-process DropMate: every function, the broker, realtime and the dashboard mounted
 * on one app. Tests call `createServer(deps).request(...)` without binding a port. `extra`
 * goes after the functions: the dashboard's catch-all must not be the first route a
 * function's request matches, which is the route its logs and metrics are counted under.
 */
export function createServer(deps: ServerDeps, extra: Record<string, AnyApp> = {}) {
  const functions = Object.entries(FUNCTIONS).map(([name, build]) => [name, build(deps.api)])
  return serveApps(deps, { ...Object.fromEntries(functions), ...extra })
}

/** One function alone, as its Knative Service runs it: its routes, health and readiness. */
export function createFunctionServer(deps: ServerDeps, name: string) {
  const build = FUNCTIONS[name] ?? SERVICES[name]
  if (!build) {
    const known = [...Object.keys(FUNCTIONS), ...Object.keys(SERVICES)].join(', ')
    throw new ConfigError(`FUNCTION must name a function (got "${name}"); one of: ${known}`)
  }
  return serveApps(deps, { [name]: build(deps.api) })
}

function serveApps({ api, migrations, isDraining }: ServerDeps, apps: Record<string, AnyApp>) {
  const health = healthRoutes({ isDraining, checks: readinessChecks(api.sql, migrations) })
  const metrics = metricsApp({ token: api.config.METRICS_TOKEN })
  return createShell(api, { health, metrics, ...apps })
}

/** Ready means: the database answers and its schema is the one this code expects. */
function readinessChecks(sql: Sql, migrations: Migration[]) {
  return {
    database: async () => {
      await sql`select 1`
    },
    migrations: async () => {
      const pending = await pendingMigrations(sql, migrations)
      if (pending.length > 0) {
        throw new Error(`${pending.length} pending, first ${pending[0]!.version}`)
      }
    },
  }
}
