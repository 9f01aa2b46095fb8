import { runHttpProcess } from '@dropmate/api'
import { createBroker, localResolver } from '@dropmate/broker'
import { maintainLocationPartitions, migrate } from '@dropmate/db'
import { logger } from '@dropmate/runtime'
import { createServer } from './app'

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

  const broker = await createBroker({ config, sql: db.sql, transport: booted.api.events })
  return {
    fetch: createServer(booted, [broker.ingress, broker.admin]).fetch,
    // The broker delivers to this very server, so it starts once the port is open.
    onListening: (port) => broker.start(localResolver(ownUrl(config.HOST, port))),
    onDraining: async () => {
      clearInterval(maintenance)
      await broker.stop()
    },
  }
})

/** How this process reaches itself: loopback when it listens on every interface. */
function ownUrl(host: string, port: number) {
  const reachable = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host
  return `http://${reachable.includes(':') ? `[${reachable}]` : reachable}:${port}`
}
