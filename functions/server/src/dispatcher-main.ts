import { createRedis, redisAnswers } from '@dropmate/kit/redis'
import { createShell } from '@dropmate/kit/shell'
import { clusterResolver } from '@dropmate/broker/triggers'
import { createBroker } from '@dropmate/broker'
import { createRedisTransport } from '@dropmate/events'
import { ConfigError, type Config } from '@dropmate/core'
import { healthRoutes, metricsApp, runProcess } from '@dropmate/runtime'

// The broker dispatcher and outbox relay as a Deployment of their own (Knative would cut a
// long-lived consumer loop); subscribers are found by their cluster DNS names.
runProcess(openEventLog, async ({ config, db, deps, isDraining }) => {
  const broker = await createBroker({ config, sql: db.sql, transport: deps.events })
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
    onDraining: () => broker.stop(),
  }
})

/** All the dispatcher holds besides the database: Redis and the broker's event log on it. */
async function openEventLog(config: Config) {
  if (!config.REDIS_URL) throw new ConfigError('REDIS_URL must be set for the broker dispatcher')
  const redis = createRedis(config.REDIS_URL, config.REDIS_KEY_PREFIX)
  const events = createRedisTransport({ redis })
  return {
    redis,
    events,
    async close() {
      await events.close()
      redis.disconnect()
    },
  }
}
