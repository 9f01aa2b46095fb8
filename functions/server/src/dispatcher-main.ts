import { createShell, redisAnswers, runHttpProcess } from '@dropmate/kit'
import { clusterResolver } from '@dropmate/broker/triggers'
import { createBroker } from '@dropmate/broker'
import { ConfigError } from '@dropmate/core'
import { healthRoutes, metricsApp } from '@dropmate/runtime'

// The broker dispatcher and outbox relay as a Deployment of their own (Knative would cut a
// long-lived consumer loop); subscribers are found by their cluster DNS names.
runHttpProcess(async ({ config, db, api, isDraining }) => {
  if (!api.redis) throw new ConfigError('REDIS_URL must be set for the broker dispatcher')
  const broker = await createBroker({ config, sql: db.sql, transport: api.events })
  const health = healthRoutes({
    isDraining,
    checks: {
      redis: redisAnswers(api.redis),
      database: async () => {
        await db.sql`select 1`
      },
      ...broker.checks,
    },
  })
  return {
    fetch: createShell(api, {
      health,
      metrics: metricsApp({ token: config.METRICS_TOKEN }),
      'broker-admin': broker.admin,
    }).fetch,
    onListening: () => broker.start(clusterResolver(process.env.POD_NAMESPACE ?? 'default')),
    onDraining: () => broker.stop(),
  }
})
