import { buildBundles, functionBundles, functionFile } from '@dropmate/knative/bundles'
import { compileCacheEnv, warmCompileCache } from '@dropmate/knative/compile-cache'
import { functionEnvironment } from '@dropmate/knative/function-environment'
import { DEPLOYED, FUNCTIONS } from '@dropmate/server/functions'
import { randomBytes } from 'node:crypto'
import { freePort } from '../child'
import { LOCAL_REDIS_URL } from '../redis'
import type { Measured } from '../report'
import { timeStart } from './spawn'
import {
  coldStartDetails,
  coldStartRows,
  type ColdStartDetails,
  type ColdStartSamples,
} from './summary'

export interface ColdStartOptions {
  /** A migrated database the functions connect to, as in the cluster. */
  databaseUrl: string
  /** Whether the local Redis is there: functions then get REDIS_URL, as in the cluster. */
  redis: boolean
  /** Starts per process; the median is reported. */
  samples?: number
  /** Which functions; every one by default (broker-ingress only with Redis, which it needs). */
  functions?: string[]
}

// Long enough for the start-up work that follows listening (Redis connecting) to settle.
const IDLE_MS = 500
const START_TIMEOUT_MS = 10_000
const BARE =
  "require('node:http').createServer((q, s) => s.end('ok')).listen(process.env.PORT, '127.0.0.1')"
// Touching one of Node's web globals loads all of them (its bundled undici), as
// @hono/node-server does at import; so does importing node:http as an ES module.
const BARE_WEB = `globalThis.Headers; ${BARE}`

/**
 * Cold starts as Knative makes them: each function's bundle spawned fresh with plain node,
 * its compile cache and the settings its manifests give it, and timed to its first 200 on
 * /health, beside a bare `node -e` HTTP server measured in the same run. Rounds go through
 * every process once, so a machine that gets busier mid-run slows all of them alike. The
 * last round reads each process's idle RSS instead of timing its first query (/ready).
 */
export async function benchColdStart(
  options: ColdStartOptions,
  log: (line: string) => void,
): Promise<{ measured: Measured[]; details: ColdStartDetails }> {
  const samples = options.samples ?? 10
  // The broker's ingress needs Redis: the one deployed function that is not an API function.
  const deployed = options.redis ? DEPLOYED : FUNCTIONS
  const names = options.functions ?? deployed.map((fn) => fn.name)
  // As npm run build:bundles makes them for the image: bundles, then their compile cache.
  log('cold start: bundling each function and its compile cache (npm run build:bundles)')
  await buildBundles(await functionBundles(names))
  await warmCompileCache(names)
  const path = process.env.PATH ?? ''
  // What the Secrets hold in the cluster, for this machine's database and Redis.
  const secrets = {
    DATABASE_URL: options.databaseUrl,
    JWT_SECRET: randomBytes(32).toString('hex'),
    BROKER_TOKEN: randomBytes(32).toString('hex'),
    METRICS_TOKEN: randomBytes(32).toString('hex'),
    WEBHOOKS_SECRET_KEY: randomBytes(32).toString('hex'),
    // Never called at start; the ConfigMap names a Spaces endpoint, which wants its keys.
    OBJECT_STORAGE_ACCESS_KEY_ID: 'cold-start-access-key',
    OBJECT_STORAGE_SECRET_ACCESS_KEY: randomBytes(20).toString('hex'),
    ...(options.redis && {
      REDIS_URL: LOCAL_REDIS_URL,
      REDIS_KEY_PREFIX: `bench:cold:${randomBytes(4).toString('hex')}:`,
    }),
  }
  const environments = new Map<string, Record<string, string>>()
  for (const name of names) {
    const manifests = await functionEnvironment(name)
    const local = { HOST: '127.0.0.1', K_SERVICE: name, ...compileCacheEnv() }
    environments.set(name, { PATH: path, ...manifests, ...secrets, ...local })
  }
  const result: ColdStartSamples = {
    bare: [],
    bareWeb: [],
    functions: Object.fromEntries(names.map((name) => [name, []])),
    firstQuery: Object.fromEntries(names.map((name) => [name, []])),
    rssBytes: {},
  }
  log(`cold start: ${samples} rounds of ${names.length} functions and the two bare servers`)
  for (let round = 0; round < samples; round++) {
    const idleMs = round === samples - 1 ? IDLE_MS : undefined
    for (const [baseline, script] of [
      ['bare', BARE],
      ['bareWeb', BARE_WEB],
    ] as const) {
      const port = await freePort()
      const start = await timeStart({
        command: process.execPath,
        args: ['-e', script],
        env: { PATH: path, PORT: String(port) },
        port,
        healthPath: '/',
        timeoutMs: START_TIMEOUT_MS,
        idleMs,
      })
      result[baseline].push(start.ms)
      if (idleMs) result.rssBytes[baseline] = start.rssBytes
    }
    for (const name of names) {
      const functionPort = await freePort()
      const start = await timeStart({
        command: process.execPath,
        args: [functionFile(name)],
        env: { ...environments.get(name), PORT: String(functionPort) },
        port: functionPort,
        healthPath: '/health',
        timeoutMs: START_TIMEOUT_MS,
        idleMs,
        thenPath: idleMs ? undefined : '/ready',
      }).catch((error: Error) => {
        throw new Error(`cold start of ${name}: ${error.message}`)
      })
      result.functions[name]!.push(start.ms)
      if (start.thenMs !== undefined) result.firstQuery[name]!.push(start.thenMs)
      if (idleMs) result.rssBytes[name] = start.rssBytes
    }
  }
  return { measured: coldStartRows(result), details: coldStartDetails(result) }
}
