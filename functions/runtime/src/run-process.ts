import { loadConfig, type Config } from '@dropmate/core'
import {
  databaseOptions,
  isOperatorError,
  observeQueries,
  openDatabase,
  type Database,
} from '@dropmate/db'
import type { Server } from 'node:http'
import { logger } from './logger'
import { serve, shutdownOnSignals } from './serve'
import { startTracing } from './tracing'

// The last batch of spans gets this long to reach the collector; one that is away costs a
// stopping pod no more.
const TRACES_FLUSH_MS = 3_000

/** What a process builds around its database; released after its server stops. */
export interface ProcessDeps {
  close(): Promise<void>
}

export interface ProcessBooted<D extends ProcessDeps> {
  config: Config
  db: Database
  deps: D
  isDraining: () => boolean
}

export interface ProcessSetup {
  fetch: (request: Request) => Response | Promise<Response>
  /** Takes the node server before it listens: the realtime gateway attaches Socket.io here. */
  attach?: (server: Server) => void
  /** Starts work that needs the server's own address (the broker delivering to it). */
  onListening?: (port: number) => void | Promise<void>
  /** Stops background work as shutdown begins, while the server still accepts requests. */
  onDraining?: () => void | Promise<void>
}

/**
 * Starts an HTTP process of DropMate: config, database, the dependencies `build` makes
 * around it, then the app `setup` builds, served until SIGTERM with a graceful drain; the
 * deps close after the server, the database last. Operator mistakes (bad config, a locked
 * data directory, an edited migration) print one plain line and exit 1. `service` names the
 * process in its traces (OTEL_SERVICE_NAME wins), which it exports when an OTLP endpoint is
 * set, the last of them after the database closed.
 *
 * @example
 * runProcess(openBrokerDeps, async ({ deps }) => ({ fetch: brokerApp(deps).fetch }), 'broker')
 */
export function runProcess<D extends ProcessDeps>(
  build: (config: Config, db: Database) => Promise<D>,
  setup: (booted: ProcessBooted<D>) => Promise<ProcessSetup>,
  service = 'dropmate',
): void {
  boot(build, setup, service).catch((error: unknown) => {
    if (isOperatorError(error)) process.stderr.write(`${error.message}\n`)
    else logger.fatal({ err: error }, 'start-up failed')
    process.exit(1)
  })
}

async function boot<D extends ProcessDeps>(
  build: (config: Config, db: Database) => Promise<D>,
  setup: (booted: ProcessBooted<D>) => Promise<ProcessSetup>,
  service: string,
) {
  const config = loadConfig(process.env)
  const tracing = await startTracing(config, service)
  const db = await openDatabase({ ...databaseOptions(config), onReachableChange: logReachable })
  if (tracing) observeQueries(db.sql, tracing.queries)
  let deps: D | undefined
  try {
    logger.info(
      { mode: db.mode, dataDir: db.mode === 'embedded' ? config.DATA_DIR : undefined },
      'database open',
    )
    deps = await build(config, db)
    let draining = false
    const booted = { config, db, deps, isDraining: () => draining }
    const { fetch, attach, onListening, onDraining } = await setup(booted)
    const running = await serve({
      fetch,
      onServer: attach,
      port: config.PORT,
      hostname: config.HOST,
      shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
      onDraining: async () => {
        draining = true
        await onDraining?.()
      },
      onClosed: async () => {
        await deps!.close()
        await db.close()
        await tracing?.shutdown(TRACES_FLUSH_MS)
      },
    })
    shutdownOnSignals(running.shutdown)
    await onListening?.(running.port)
  } catch (error) {
    await deps?.close()
    await db.close()
    await tracing?.shutdown(TRACES_FLUSH_MS)
    throw error
  }
}

/** One line when the database goes away and one when it is back, not one per failed query. */
function logReachable(reachable: boolean, reason: string) {
  if (reachable) logger.info({ after: reason }, 'database reachable again')
  else logger.warn({ reason }, 'database unreachable, refusing queries until it answers')
}
