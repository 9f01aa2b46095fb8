import { createApiDeps } from '@dropmate/api'
import { loadConfig } from '@dropmate/core'
import {
  databaseOptions,
  isOperatorError,
  loadMigrations,
  maintainLocationPartitions,
  migrate,
  openDatabase,
} from '@dropmate/db'
import { logger, serve, shutdownOnSignals } from '@dropmate/runtime'
import { createServer } from './app'

const DAY_MS = 24 * 60 * 60 * 1000

async function main() {
  const config = loadConfig(process.env)
  const db = await openDatabase(databaseOptions(config))
  try {
    logger.info(
      { mode: db.mode, dataDir: db.mode === 'embedded' ? config.DATA_DIR : undefined },
      'database open',
    )

    const migrations = await loadMigrations()
    if (config.MIGRATE_ON_START) {
      const applied = await migrate(db.sql, migrations)
      logger.info({ applied: applied.map((m) => m.version) }, 'migrations current')
    }

    // This process is long-lived (unlike a Knative function), so it can keep partitions too.
    const maintain = () =>
      maintainLocationPartitions(db.sql, config.LOCATION_RETENTION_DAYS).then(
        (result) => logger.info(result, 'location partitions maintained'),
        (error: unknown) => logger.error({ err: error }, 'location partition maintenance failed'),
      )
    await maintain()
    const maintenance = setInterval(maintain, DAY_MS / 4)

    const api = await createApiDeps(config, db.sql)
    let draining = false
    const app = createServer({ api, migrations, isDraining: () => draining })
    const running = await serve({
      fetch: app.fetch,
      port: config.PORT,
      hostname: config.HOST,
      shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
      onDraining: () => {
        draining = true
        clearInterval(maintenance)
      },
      onClosed: async () => {
        await api.close()
        await db.close()
      },
    })
    shutdownOnSignals(running.shutdown)
  } catch (error) {
    await db.close()
    throw error
  }
}

main().catch((error: unknown) => {
  if (isOperatorError(error)) {
    process.stderr.write(`${error.message}\n`)
  } else {
    logger.fatal({ err: error }, 'start-up failed')
  }
  process.exit(1)
})
