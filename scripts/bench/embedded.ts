import { openDatabase } from '@dropmate/db'
import { readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { logIn } from '../lib/log-in'
import { DISPATCHERS, DRIVERS, emailOf, STAFF_DOMAIN } from '../seed/demo-data'
import { startChild } from './child'
import { createCleanups } from './cleanups'
import { fillBenchDatabase } from './database'
import { measure, type LoadShape } from './measure'
import { formatTable, toRows } from './report'
import { benchScenarios } from './scenarios'
import { JWT_SECRET, PASSWORD, signInDriver } from './stack'

/**
 * `npm run bench`'s API rows against `npm start` as a laptop runs it: embedded PGlite (the
 * demo shop seeded into its data dir before the server opens it), no Redis, every function
 * in one process, pings included. Run: `node --import tsx scripts/bench/embedded.ts`.
 * Beside each row, the server's CPU per request: on a machine busy with other work the rate
 * says more about the neighbours than about the code, its CPU cost does not.
 */
const SHAPE: LoadShape = { connections: 64, warmupSeconds: 2, durationSeconds: 8 }
// Clock ticks of /proc/<pid>/stat (USER_HZ, 100 on Linux).
const TICK_MS = 10

const log = (line: string) => process.stderr.write(`bench: ${line}\n`)
const cleanups = createCleanups((name, error) => log(`${name} failed: ${String(error)}`))

try {
  const dataDir = await mkdtemp(join(tmpdir(), 'dropmate-bench-embedded-'))
  cleanups.defer('remove data dir', () => rm(dataDir, { recursive: true, force: true }))
  log(`seeding the demo shop into embedded PGlite in ${dataDir}`)
  const db = await openDatabase({ dataDir, poolMax: 1, prepare: false })
  const trackingNumbers = await fillBenchDatabase(db.sql, PASSWORD).finally(() => db.close())

  const baseline = await startChild(
    { name: 'hello world', script: 'scripts/bench/hello-world.ts', env: {}, readyPath: '/' },
    cleanups,
  )
  const env = {
    DATA_DIR: dataDir,
    AUTH_MODE: 'local',
    JWT_SECRET,
    LOG_LEVEL: 'warn',
    // The config's ceiling; with TRUST_PROXY the load spreads over 256 client addresses.
    TRACKING_RATE_LIMIT_PER_MINUTE: '100000',
    TRUST_PROXY: 'true',
    SHUTDOWN_TIMEOUT_MS: '2000',
  }
  const api = await startChild(
    { name: 'server', script: 'functions/server/src/main.ts', env, readyPath: '/ready' },
    cleanups,
  )
  const signIn = (name: string) => emailOf(name, STAFF_DOMAIN)
  const { accessToken: token } = await logIn(api.url, {
    email: signIn(DISPATCHERS[0]!.name),
    password: PASSWORD,
  })
  const drivers = await Promise.all(DRIVERS.map(({ name }) => signInDriver(api.url, signIn(name))))
  const pids = { [baseline.url]: baseline.pid, [api.url]: api.pid }
  const targets = { baselineOrigin: baseline.url, apiOrigin: api.url, ingestOrigin: api.url }
  const measured = []
  const cpu = []
  for (const scenario of benchScenarios({ ...targets, token, trackingNumbers, drivers })) {
    log(`${scenario.name}: ${SHAPE.warmupSeconds} s warm-up, ${SHAPE.durationSeconds} s measured`)
    const before = cpuMs(pids[scenario.origin]!)
    const measurement = await measure(scenario, SHAPE, new AbortController().signal)
    const used = cpuMs(pids[scenario.origin]!) - before
    // The warm-up's requests ran at about the measured rate.
    const requests = measurement.requestsPerSecond * (SHAPE.warmupSeconds + SHAPE.durationSeconds)
    cpu.push(`${scenario.name}: ${Math.round((used / requests) * 1000)} µs of CPU a request`)
    measured.push({ name: scenario.name, target: scenario.target, measurement })
  }
  console.log('embedded: PGlite, no Redis, one process\n')
  console.log(formatTable(toRows(measured)))
  console.log(`\n${cpu.join('\n')}`)
} finally {
  await cleanups.run()
}

function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
  // utime and stime, the 14th and 15th fields of the line.
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS
}
