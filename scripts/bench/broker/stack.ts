import { randomBytes } from 'node:crypto'
import { startChild } from '../child'
import type { Cleanups } from '../cleanups'
import { deleteKeys, LOCAL_REDIS_URL } from '../redis'

export interface BrokerStack {
  /** Where the broker's keys live; everything under it is deleted when the bench ends. */
  redisPrefix: string
  ingressUrl: string
  subscriberUrl: string
  dispatcherUrl: string
  token: string
}

/**
 * The broker as deployed, on a Redis key prefix of its own: the broker-ingress function
 * (functions/server/src/function-main.ts, as its Knative Service runs it), the real
 * dispatcher with one Trigger, and the subscriber that Trigger delivers to, each a child
 * process on loopback.
 */
export async function startBrokerStack(
  cleanups: Cleanups,
  options: { databaseUrl: string; dataDir: string; concurrency: number },
): Promise<BrokerStack> {
  const redisPrefix = `bench-broker:${randomBytes(6).toString('hex')}:`
  cleanups.defer('delete broker Redis keys', () => deleteKeys(redisPrefix))
  const token = randomBytes(24).toString('hex')
  const redisEnv = { REDIS_URL: LOCAL_REDIS_URL, REDIS_KEY_PREFIX: redisPrefix, LOG_LEVEL: 'warn' }

  const subscriber = await startChild(
    {
      name: 'broker subscriber',
      script: 'scripts/bench/broker/subscriber-child.ts',
      env: {},
      readyPath: '/ready',
    },
    cleanups,
  )
  const [dispatcher, ingress] = await Promise.all([
    startChild(
      {
        name: 'broker dispatcher',
        script: 'scripts/bench/broker/dispatcher-child.ts',
        env: {
          ...redisEnv,
          SUBSCRIBER_URL: subscriber.url,
          DISPATCH_CONCURRENCY: String(options.concurrency),
        },
        readyPath: '/ready',
      },
      cleanups,
    ),
    startChild(
      {
        name: 'broker ingress',
        script: 'functions/server/src/function-main.ts',
        env: {
          ...redisEnv,
          FUNCTION: 'broker-ingress',
          BROKER_TOKEN: token,
          // The function's process boots like every other: config, database, auth.
          DATABASE_URL: options.databaseUrl,
          DATA_DIR: options.dataDir,
          JWT_SECRET: 'bench-only-secret-bench-only-secret-0000',
          SHUTDOWN_TIMEOUT_MS: '2000',
        },
        readyPath: '/ready',
      },
      cleanups,
    ),
  ])
  return {
    redisPrefix,
    ingressUrl: ingress.url,
    subscriberUrl: subscriber.url,
    dispatcherUrl: dispatcher.url,
    token,
  }
}
