import { runHttpProcess } from '@dropmate/kit'
import { createBroker, postingInProcess } from '@dropmate/broker'
import { localResolver } from '@dropmate/broker/triggers'
import { loadMigrations, migrate, whenReachable } from '@dropmate/db'
import { createRealtimeGateway } from '@dropmate/realtime'
import { logger } from '@dropmate/runtime'
import { createServer } from './app'
import { startUpkeep } from './upkeep'
import { webApp } from '@dropmate/web-host'

// Every function that queues events runs here, and each event it queues wakes the outbox
// relay: with none coming, it looks every 2 s instead of every 100 ms, which cost an idle
// laptop 27 queries a second and 5 % of a core. Another process's events (a second server
// on the same PostgreSQL) go out within 2 s.
const RELAY_QUIET_MS = 2_000

// The one-process server: everything on one port, migrating its own database.
runHttpProcess(async (booted) => {
  const { config, db } = booted
  if (config.MIGRATE_ON_START) {
    const migrations = await loadMigrations()
    // The database may come up after us (both restarted at once): wait for it, saying so on
    // every try, rather than exit and leave a supervisor to restart us in a loop.
    const applied = await whenReachable(() => migrate(db.sql, migrations), {
      onWait: (error, attempt, retryInMs) => {
        const reason = error instanceof Error ? error.message : String(error)
        logger.warn({ reason, attempt, retryInMs }, 'database not reachable, waiting to migrate')
      },
    })
    logger.info({ applied: applied.map((m) => m.version) }, 'migrations current')
  }

  // This process is long-lived (unlike a Knative function), so it keeps partitions and
  // sweeps proofs past their retention too.
  const upkeep = startUpkeep({ ...booted.api, config })
  await upkeep.firstRound

  const broker = await createBroker({
    config,
    sql: db.sql,
    transport: booted.api.transport,
    relayQuietMs: RELAY_QUIET_MS,
  })
  const realtime = await createRealtimeGateway({ deps: booted.api })
  // Ready only while every loop this process runs works: the broker's and the gateway's.
  const checks = { ...broker.checks, ...realtime.checks }
  const server = createServer(
    { ...booted, checks },
    {
      'broker-ingress': broker.ingress,
      'broker-admin': broker.admin,
      realtime: realtime.app,
      web: webApp(booted),
    },
  )
  return {
    fetch: server.fetch,
    attach: realtime.attach,
    // The broker delivers to this very server, handing each POST to its app; it starts once
    // the port is open, since a Trigger may also name a subscriber elsewhere.
    onListening: (port) => {
      const origin = ownUrl(config.HOST, port)
      broker.start(localResolver(origin), postingInProcess(origin, server.fetch))
    },
    onDraining: async () => {
      upkeep.stop()
      // Deliveries in flight (to the gateway among others) finish before sockets are sent away;
      // the port cannot close while a WebSocket stays open, so they go whatever happens.
      try {
        await broker.stop()
      } finally {
        realtime.drain()
      }
    },
  }
})

/** How this process reaches itself: loopback when it listens on every interface. */
function ownUrl(host: string, port: number) {
  const reachable = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host
  return `http://${reachable.includes(':') ? `[${reachable}]` : reachable}:${port}`
}
