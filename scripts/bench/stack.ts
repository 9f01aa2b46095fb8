import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { logIn } from '../lib/log-in'
import { DISPATCHERS, DRIVERS, emailOf, STAFF_DOMAIN } from '../seed/demo-data'
import { startChild, HELLO_WORLD } from './child'
import type { Cleanups } from './cleanups'
import { createBenchDatabase, fillBenchDatabase } from './database'
import { createBenchFleet, type BenchFleet, type FleetSize } from './fleet'
import { deleteKeys, LOCAL_REDIS_URL, localRedisAnswers } from './redis'
import type { BenchDriver, BenchTargets } from './scenarios'

export const PASSWORD = 'dropmate-demo'
export const JWT_SECRET = 'bench-only-secret-bench-only-secret-0000'
export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres'

/** How the bench runs a server, wherever its data lives. */
export const SERVER_ENV = {
  AUTH_MODE: 'local',
  JWT_SECRET,
  LOG_LEVEL: 'warn',
  // The config's ceiling; with TRUST_PROXY the load spreads over 256 client addresses.
  TRACKING_RATE_LIMIT_PER_MINUTE: '100000',
  TRUST_PROXY: 'true',
  SHUTDOWN_TIMEOUT_MS: '2000',
}

export interface Stack {
  targets: BenchTargets
  redis: boolean
  /** The bench database and data dir, for other children that boot like the server. */
  databaseUrl: string
  dataDir: string
  /** Drivers and parcels in transit of the realtime run, signed in already. */
  fleet: BenchFleet
  /** Whose token `targets.token` is: the seeded dispatcher's. */
  dispatcherEmail: string
  /** The process that answers at each origin of `targets`: whose CPU its requests cost. */
  pidAt: Record<string, number>
}

/**
 * Brings up what the bench loads: a seeded database of its own with a fleet of
 * `fleetSize` drivers besides the demo shop, the hello-world baseline and the real server as child
 * processes, and a dispatcher's token. Each part registers its undo step as soon as it
 * exists, so an interrupted start leaves nothing behind.
 */
export async function startStack(
  cleanups: Cleanups,
  log: (line: string) => void,
  fleetSize: FleetSize,
): Promise<Stack> {
  const serverUrl =
    process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL || DEFAULT_DATABASE_URL
  const db = await createBenchDatabase(serverUrl, cleanups)
  log(`database ${db.name}: migrating and seeding the demo shop`)
  const trackingNumbers = await fillBenchDatabase(db.sql, PASSWORD)
  // After the demo shop's numbers were read, which the tracking scenario keeps to; before the
  // server starts, whose gateway learns of parcels in transit at start.
  log(`database ${db.name}: ${fleetSize.drivers} fleet drivers, ${fleetSize.inTransit} in transit`)
  const fleet = await createBenchFleet(db.sql, fleetSize, JWT_SECRET)

  // BENCH_REDIS=off measures the in-memory rate limit and no tracking cache, as on a laptop.
  const redis = process.env.BENCH_REDIS !== 'off' && (await localRedisAnswers())
  const redisPrefix = `bench:${randomBytes(6).toString('hex')}:`
  if (redis) cleanups.defer('delete Redis keys', () => deleteKeys(redisPrefix))

  const baseline = await startChild(HELLO_WORLD, cleanups)

  const dataDir = await mkdtemp(join(tmpdir(), 'dropmate-bench-'))
  cleanups.defer('remove data dir', () => rm(dataDir, { recursive: true, force: true }))
  // The server and the ingest function share the database, Redis and the token secret.
  const env = {
    ...SERVER_ENV,
    DATABASE_URL: db.url,
    DATA_DIR: dataDir,
    ...(redis ? { REDIS_URL: LOCAL_REDIS_URL, REDIS_KEY_PREFIX: redisPrefix } : {}),
  }
  const api = await startChild(
    { name: 'server', script: 'functions/server/src/main.ts', env, readyPath: '/ready' },
    cleanups,
  )
  const ingest = await startChild(
    {
      name: 'ingest-locations',
      script: 'functions/server/src/function-main.ts',
      env: { ...env, FUNCTION: 'ingest-locations', MIGRATE_ON_START: 'false' },
      readyPath: '/ready',
    },
    cleanups,
  )

  const dispatcherEmail = emailOf(DISPATCHERS[0]!.name, STAFF_DOMAIN)
  const { accessToken: token } = await logIn(api.url, {
    email: dispatcherEmail,
    password: PASSWORD,
  })
  const drivers = await Promise.all(
    DRIVERS.map(({ name }) => signInDriver(api.url, emailOf(name, STAFF_DOMAIN))),
  )
  return {
    targets: {
      baselineOrigin: baseline.url,
      apiOrigin: api.url,
      ingestOrigin: ingest.url,
      token,
      trackingNumbers,
      drivers,
    },
    redis,
    databaseUrl: db.url,
    dataDir,
    fleet,
    dispatcherEmail,
    pidAt: { [baseline.url]: baseline.pid, [api.url]: api.pid, [ingest.url]: ingest.pid },
  }
}

/** A demo driver signed in at `origin`, as the ping scenario plays them. */
export async function signInDriver(origin: string, email: string): Promise<BenchDriver> {
  const { accessToken, account } = await logIn(origin, { email, password: PASSWORD })
  return { driverId: account.driverId!, token: accessToken }
}
