import { openDatabase } from '@dropmate/db'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { logIn } from '../lib/log-in'
import { DISPATCHERS, DRIVERS, emailOf, STAFF_DOMAIN } from '../seed/demo-data'
import { startChild, HELLO_WORLD } from './child'
import type { BoundedRun } from './bounded'
import { fillBenchDatabase } from './database'
import type { LoadShape } from './measure'
import { brokenRows, cpuLines, formatTable, toRows } from './report'
import { benchScenarios } from './scenarios'
import { PASSWORD, SERVER_ENV, signInDriver } from './stack'
import { measureInTurns, serverCpu } from './turns'

/**
 * `npm run bench -- embedded`: the API rows against `npm start` as a laptop runs it: embedded
 * PGlite (the demo shop seeded into its data dir before the server opens it), no Redis,
 * every function in one process, pings included. Beside each row, the server's CPU per
 * request: on a machine busy with other work the rate says more about the neighbours than
 * about the code, its CPU cost does not.
 */
const SHAPE: LoadShape = { connections: 64, warmupSeconds: 2, durationSeconds: 8 }

export async function benchEmbedded({ cleanups, signal, log }: BoundedRun): Promise<number> {
  const dataDir = await mkdtemp(join(tmpdir(), 'dropmate-bench-embedded-'))
  cleanups.defer('remove data dir', () => rm(dataDir, { recursive: true, force: true }))
  log(`seeding the demo shop into embedded PGlite in ${dataDir}`)
  const db = await openDatabase({ dataDir, poolMax: 1, prepare: false })
  const trackingNumbers = await fillBenchDatabase(db.sql, PASSWORD).finally(() => db.close())

  const baseline = await startChild(HELLO_WORLD, cleanups)
  const env = { ...SERVER_ENV, DATA_DIR: dataDir }
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
  const scenarios = benchScenarios({ ...targets, token, trackingNumbers, drivers })
  const cpu = serverCpu(scenarios.map(({ origin }) => pids[origin]!))
  const measured = await measureInTurns(scenarios, SHAPE, signal, { around: cpu.around, log })
  console.log('embedded: PGlite, no Redis, one process\n')
  const rows = toRows(measured)
  console.log(formatTable(rows))
  console.log(`\n${cpuLines(measured, cpu.perRequest(measured))}`)
  return brokenRows(rows).length ? 1 : 0
}
