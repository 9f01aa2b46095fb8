import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startShape, type Stack } from '../chaos/shapes'
import { logIn } from '../lib/log-in'
import type { Cleanups } from './cleanups'
import type { BenchFleet } from './fleet'
import type { CityOptions, ShapeName } from './city/options'
import { deleteKeys, LOCAL_REDIS_URL } from './redis'

const READY_LIMIT_MS = 60_000

/** Where the city runs: the bench database with its fleet, and how to sign in. */
export interface CityGround {
  options: CityOptions
  databaseUrl: string
  fleet: BenchFleet
  dispatcher: { email: string; password: string }
  jwtSecret: string
  /** Where the Triggers the chaos shapes add for their own observer deliver (unused here). */
  sinkUrl: string
}

/**
 * The processes of `shape` as scripts/chaos starts them, on the bench database and a Redis
 * prefix of their own, ready, and a dispatcher's token from their API. Each part's undo step
 * goes on `cleanups` as soon as it exists.
 */
export async function startCityStack(
  shape: ShapeName,
  ground: CityGround,
  cleanups: Cleanups,
): Promise<{ stack: Stack; token: string }> {
  const prefix = `bench:city:${randomBytes(6).toString('hex')}:`
  cleanups.defer(`delete Redis keys ${prefix}`, () => deleteKeys(prefix))
  const dataDir = await mkdtemp(join(tmpdir(), 'dropmate-bench-city-'))
  cleanups.defer('remove data dir', () => rm(dataDir, { recursive: true, force: true }))
  const stack = await startShape(
    shape,
    {
      DATABASE_URL: ground.databaseUrl,
      DATA_DIR: dataDir,
      REDIS_URL: LOCAL_REDIS_URL,
      REDIS_KEY_PREFIX: prefix,
      AUTH_MODE: 'local',
      JWT_SECRET: ground.jwtSecret,
      LOG_LEVEL: 'warn',
      TRACKING_RATE_LIMIT_PER_MINUTE: '100000',
      SHUTDOWN_TIMEOUT_MS: '2000',
    },
    ground.sinkUrl,
  )
  cleanups.defer(`stop the ${shape} shape`, () => stack.stop())
  if (!(await stack.ready(READY_LIMIT_MS))) {
    const crashes = Object.values(stack.processes).flatMap((each) => each.crashes)
    throw new Error(`${shape} not ready in ${READY_LIMIT_MS / 1000} s ${crashes.join('\n')}`)
  }
  const { accessToken } = await logIn(stack.endpoints.api, ground.dispatcher)
  return { stack, token: accessToken }
}
