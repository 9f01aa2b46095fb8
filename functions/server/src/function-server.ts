import {
  createShell,
  objectStorageApp,
  redisAnswers,
  runHttpProcess,
  type ApiDeps,
} from '@dropmate/kit'
import { loadMigrations, pendingMigrations, type Migration } from '@dropmate/db'
import { healthRoutes, metricsApp, type AnyApp, type ReadinessCheck } from '@dropmate/runtime'

export interface ServerDeps {
  api: ApiDeps
  isDraining?: () => boolean
  /** What else /ready consults: the background loops the process runs. */
  checks?: Record<string, ReadinessCheck>
}

/** What builds one function's app from the process's dependencies. */
export type AppBuilder = (deps: ApiDeps) => AnyApp

/**
 * One function alone, as its Knative Service runs it: its routes, health, readiness and
 * metrics, served until SIGTERM. A function's bundle imports this module and its own app,
 * nothing of the other functions.
 *
 * @example
 * runFunction('track-shipment', trackShipment)
 */
export function runFunction(name: string, build: AppBuilder): void {
  runHttpProcess(
    async (booted) => ({ fetch: serveApps(booted, { [name]: build(booted.api) }).fetch }),
    name,
  )
}

/** Apps behind the shell every process shares, with health, readiness and metrics. */
export function serveApps({ api, isDraining, checks }: ServerDeps, apps: Record<string, AnyApp>) {
  const health = healthRoutes({ isDraining, checks: { ...readinessChecks(api), ...checks } })
  const metrics = metricsApp({ token: api.config.METRICS_TOKEN })
  return createShell(api, { health, metrics, ...objectStorageApp(api), ...apps })
}

/**
 * Ready means: the database answers and its schema is the one this code expects, and Redis
 * answers when there is one. The migration files are read on the first /ready, not at start
 * (about 8 ms of CPU measured on Node 24): Knative probes /health, so a function's pod may
 * never ask.
 */
function readinessChecks({ sql, redis }: Pick<ApiDeps, 'sql' | 'redis'>) {
  let known: Promise<Migration[]> | undefined
  return {
    ...(redis && { redis: redisAnswers(redis) }),
    database: async () => {
      await sql`select 1`
    },
    migrations: async () => {
      const pending = await pendingMigrations(sql, await (known ??= loadMigrations()))
      if (pending.length > 0) {
        throw new Error(`${pending.length} pending, first ${pending[0]!.version}`)
      }
    },
  }
}
