import { randomBytes } from 'node:crypto'
import { startChild } from '../child'
import type { Cleanups } from '../cleanups'
import type { LoadShape } from '../measure'
import { deleteKeys, LOCAL_REDIS_URL } from '../redis'
import type { Measured } from '../report'
import { trackingLookups } from '../scenarios'
import { measureInTurns, serverCpu } from '../turns'
import { OBSERVABILITY_TARGET } from '../targets'
import type { ObservabilityDetails } from './notes'

export interface ObservabilityOptions {
  /** The bench database, migrated and seeded; the data dir of the server beside it. */
  databaseUrl: string
  dataDir: string
  redis: boolean
  trackingNumbers: string[]
  shape: LoadShape
}

/**
 * The two ways the tracking function is watched: as production runs it (the request line at
 * info, every request counted, timed and traced), and with all three off, which skips the
 * work itself: the request line below LOG_LEVEL, REQUEST_METRICS and REQUEST_TRACING false.
 */
export const OBSERVABILITY = {
  off: { LOG_LEVEL: 'warn', REQUEST_METRICS: 'false', REQUEST_TRACING: 'false' },
  on: { LOG_LEVEL: 'info', REQUEST_METRICS: 'true', REQUEST_TRACING: 'true' },
} as const

const MODES = ['off', 'on'] as const

/**
 * What watching the API costs: the cached public tracking lookup, through the whole shell,
 * served by two track-shipment processes, one with observability off and one on. Each is
 * warmed up, then they take turns in short rounds (off, on, on, off, ...) so a machine that
 * gets busier mid-run slows both alike. Off is the pair's baseline; on must keep 0.9 of it.
 */
export async function benchObservability(
  cleanups: Cleanups,
  options: ObservabilityOptions,
  log: (line: string) => void,
  signal: AbortSignal,
): Promise<{ measured: Measured[] } & ObservabilityDetails> {
  const redisPrefix = `bench:observability:${randomBytes(6).toString('hex')}:`
  if (options.redis) cleanups.defer('delete Redis keys', () => deleteKeys(redisPrefix))
  const env = {
    DATABASE_URL: options.databaseUrl,
    DATA_DIR: options.dataDir,
    FUNCTION: 'track-shipment',
    MIGRATE_ON_START: 'false',
    JWT_SECRET: randomBytes(32).toString('hex'),
    // As the stack's server: the config's ceiling, the load spread over 256 addresses.
    TRACKING_RATE_LIMIT_PER_MINUTE: '100000',
    TRUST_PROXY: 'true',
    SHUTDOWN_TIMEOUT_MS: '2000',
    ...(options.redis ? { REDIS_URL: LOCAL_REDIS_URL, REDIS_KEY_PREFIX: redisPrefix } : {}),
  }
  const nameOf = (mode: Mode) => `tracking lookup, observability ${mode}`
  const children = await Promise.all(
    MODES.map((mode) =>
      startChild(
        {
          name: nameOf(mode),
          script: 'functions/server/src/function-main.ts',
          env: { ...env, ...OBSERVABILITY[mode] },
          readyPath: '/ready',
        },
        cleanups,
      ),
    ),
  )
  const lookups = children.map(({ url }, index) => ({
    name: nameOf(MODES[index]!),
    origin: url,
    requests: trackingLookups(options.trackingNumbers),
    target: MODES[index] === 'on' ? OBSERVABILITY_TARGET : undefined,
  }))
  const cpu = serverCpu(children.map(({ pid }) => pid))
  const measured = await measureInTurns(lookups, options.shape, signal, {
    around: cpu.around,
    log,
  })
  await Promise.all(children.map((child) => child.stop()))
  const [off, on] = cpu.perRequest(measured)
  return { measured, cpuMicrosecondsPerRequest: { off: off!, on: on! } }
}

type Mode = (typeof MODES)[number]
