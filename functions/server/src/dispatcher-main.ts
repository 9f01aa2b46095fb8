import { createRedis, redisAnswers } from '@dropmate/kit/redis'
import { createShell } from '@dropmate/kit/shell'
import { createObjectStore } from '@dropmate/kit'
import { clusterResolver } from '@dropmate/broker/triggers'
import { createBroker } from '@dropmate/broker'
import { createRedisTransport } from '@dropmate/events'
import { ConfigError, type Config } from '@dropmate/core'
import { healthRoutes, metricsApp, runProcess } from '@dropmate/runtime'
import { startUpkeep } from './upkeep'

// The broker dispatcher and outbox relay as a Deployment of their own (Knative would cut a
// long-lived consumer loop); subscribers are found by their cluster DNS names. Being the
// cluster's long-lived process with the database, it also does the upkeep (partitions, proofs
// past retention), one replica at a time.
runProcess(
  openEventLog,
  async ({ config, db, deps, isDraining }) => {
    const broker = await createBroker({ config, sql: db.sql, transport: deps.events })
    // Not waited for: readiness is the broker's, and a round may take a while.
    const upkeep = startUpkeep(
      { sql: db.sql, objects: deps.objects, config },
      { oneReplicaAtATime: true },
    )
    const health = healthRoutes({
      isDraining,
      checks: {
        redis: redisAnswers(deps.redis),
        database: async () => {
          await db.sql`select 1`
        },
        ...broker.checks,
      },
    })
    return {
      fetch: createShell(
        { config },
        {
          health,
          metrics: metricsApp({ token: config.METRICS_TOKEN }),
          'broker-admin': broker.admin,
        },
      ).fetch,
      onListening: () => broker.start(clusterResolver(process.env.POD_NAMESPACE ?? 'default')),
      onDraining: () => {
        upkeep.stop()
        return broker.stop()
      },
    }
  },
  'broker-dispatcher',
)

/**
 * All the dispatcher holds besides the database: Redis and the broker's event log on it, and
 * the object store the proof sweep deletes from.
 */
async function openEventLog(config: Config) {
  if (!config.REDIS_URL) throw new ConfigError('REDIS_URL must be set for the broker dispatcher')
  const redis = createRedis(config.REDIS_URL, config.REDIS_KEY_PREFIX)
  const events = createRedisTransport({ redis })
  return {
    redis,
    events,
    objects: await createObjectStore(config),
    async close() {
      await events.close()
      redis.disconnect()
    },
  }
}
