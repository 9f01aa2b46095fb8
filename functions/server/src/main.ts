import { maintainLocationPartitions, migrate } from '@dropmate/db'
import { logger } from '@dropmate/runtime'
import { createServer } from './app'
import { runHttpProcess } from './boot'

const DAY_MS = 24 * 60 * 60 * 1000

// The one-process server: everything on one port, migrating its own database.
runHttpProcess(async (booted) => {
  const { config, db, migrations } = booted
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

  return {
    fetch: createServer(booted).fetch,
    onDraining: () => clearInterval(maintenance),
  }
})
