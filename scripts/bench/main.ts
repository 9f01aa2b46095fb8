import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { brokerNotes } from './broker/notes'
import { benchBroker, type BrokerShape } from './broker/run'
import { runBounded, type BoundedRun } from './bounded'
import { ROOT } from './child'
import { benchCity } from './city-main'
import { benchProfile } from './profile'
import { benchEmbedded } from './embedded'
import { benchAnalytics } from './analytics'
import { benchImport } from './import'
import { benchColdStart } from './cold-start/run'
import { coldStartNotes } from './cold-start/summary'
import type { LoadShape } from './measure'
import { observabilityNotes } from './observability/notes'
import { benchObservability } from './observability/run'
import { realtimeNotes } from './realtime/notes'
import type { RealtimeShape } from './realtime/details'
import { benchRealtime } from './realtime/run'
import { LOCAL_REDIS_URL } from './redis'
import { brokenRows, cpuLines, formatTable, thisMachine, toRows, type BenchResults } from './report'
import { benchScenarios } from './scenarios'
import { startStack } from './stack'
import { measureInTurns, ROUNDS, serverCpu } from './turns'

// `npm run bench -- city [--seconds 10 --drivers 2000 ...]`: the city run alone, with its
// own watchdog and cleanups (scripts/bench/city-main.ts).
if (process.argv[2] === 'city') process.exit(await benchCity(process.argv.slice(3)))
// `npm run bench -- profile [track ping …]`: CPU profiles of the servers under those scenarios.
if (process.argv[2] === 'profile') process.exit(await benchProfile(process.argv.slice(3)))
// `npm run bench -- import`: 5,000 CSV rows through the shipment import (scripts/bench/import.ts).
if (process.argv[2] === 'import') process.exit(await benchImport())
// `npm run bench -- analytics`: the reports on a year of history (scripts/bench/analytics.ts).
if (process.argv[2] === 'analytics') process.exit(await benchAnalytics(process.argv.slice(3)))

const SHAPE: LoadShape = { connections: 64, warmupSeconds: 2, durationSeconds: 8 }
const BROKER: BrokerShape = {
  appendWarmupSeconds: 1,
  appendSeconds: 4,
  // The dispatcher's default: its deliveries are CPU-bound here, and 64 delivered no faster.
  dispatcherConcurrency: 16,
  // Enough to keep the ingress busy (8 and 64 gave the same rate) without queueing for nothing.
  connections: 32,
  warmupSeconds: 2,
  durationSeconds: 8,
  offeredRate: 1_000,
  latencySeconds: 8,
  drainTimeoutMs: 30_000,
}
const REALTIME: RealtimeShape = {
  dispatcherSockets: 20,
  trackingSockets: 980,
  // A ping a second each, far apart from the gateway's frame window: none is replaced in it.
  drivers: 1_000,
  pingsPerSecond: 1_000,
  warmupSeconds: 2,
  seconds: 10,
  drainTimeoutMs: 10_000,
}
// One function of each kind, as a request reaches them cold: sign-in, the public lookup, a ping,
// a write, a broker subscriber (SendGrid loads with its first email) and the broker's ingress.
// Every one of the 51 ten times took longer than the whole bench may; alone, the cold-start
// bench still starts them all (node --import tsx scripts/bench/cold-start/main.ts).
const COLD_STARTS = [
  'login',
  'track-shipment',
  'ingest-locations',
  'create-shipment',
  'notify-receiver',
  'broker-ingress',
]
// A normal run takes about two minutes; past this something hangs, and the bench must end.
const WATCHDOG_MS = 5 * 60_000

async function main({ cleanups, signal, log }: BoundedRun): Promise<number> {
  const started = performance.now()
  const fleet = { drivers: REALTIME.drivers, inTransit: REALTIME.trackingSockets }
  const stack = await startStack(cleanups, log, fleet)
  const scenarios = benchScenarios(stack.targets)
  const cpu = serverCpu(scenarios.map(({ origin }) => stack.pidAt[origin]!))
  const apiRows = await measureInTurns(scenarios, SHAPE, signal, { around: cpu.around, log })
  const perRequest = cpu.perRequest(apiRows)
  const rows = toRows(apiRows)
  // A pair of its own: observability on against the same function with it off.
  const { measured: watched, ...observability } = await benchObservability(
    cleanups,
    { ...stack, trackingNumbers: stack.targets.trackingNumbers, shape: SHAPE },
    log,
    signal,
  )
  rows.push(...toRows(watched))
  const realtime = await benchRealtime(cleanups, { stack, shape: REALTIME }, log, signal)
  // Nothing to compare sockets with: no ratio.
  rows.push(...toRows(realtime.measured, { baseline: false }))
  let broker: BenchResults['broker']
  if (stack.redis) {
    const run = await benchBroker(cleanups, { ...stack, shape: BROKER }, log, signal)
    // A group of its own: these rows compare with the XADD baseline, not hello world.
    rows.push(...toRows(run.measured))
    broker = run.details
  } else {
    const why =
      process.env.BENCH_REDIS === 'off' ? 'BENCH_REDIS=off' : `no Redis on ${LOCAL_REDIS_URL}`
    broker = { skipped: `the broker needs Redis (${why})` }
    log(`broker rows skipped: ${broker.skipped}`)
  }
  // Each function's bundle spawned fresh, beside a bare node server: no baseline ratio.
  // The broker's ingress needs Redis to start.
  const functions = COLD_STARTS.filter((name) => stack.redis || name !== 'broker-ingress')
  const coldStart = await benchColdStart({ ...stack, functions }, log)
  rows.push(...toRows(coldStart.measured, { baseline: false }))
  const results: BenchResults = {
    date: new Date().toISOString(),
    machine: thisMachine(),
    redis: stack.redis,
    load: SHAPE,
    broker,
    realtime: realtime.details,
    observability,
    cpu: Object.fromEntries(apiRows.map(({ name }, index) => [name, perRequest[index]!])),
    rows,
  }
  await mkdir(join(ROOT, 'bench'), { recursive: true })
  await writeFile(join(ROOT, 'bench/results.json'), `${JSON.stringify(results, null, 2)}\n`)

  const { machine } = results
  console.log(
    `${SHAPE.connections} connections, ${SHAPE.warmupSeconds} s warm-up + ` +
      `${SHAPE.durationSeconds} s measured per scenario in ${ROUNDS} turns taken in turn; ` +
      `Redis ${stack.redis ? 'used' : 'not used'}; ` +
      `node ${machine.node}, ${machine.cpus} × ${machine.cpuModel}\n`,
  )
  console.log(formatTable(rows))
  console.log(`\n${cpuLines(apiRows, perRequest)}`)
  console.log(`\n${observabilityNotes(observability)}`)
  console.log(`\n${realtimeNotes(realtime.details)}`)
  console.log(`\n${brokerNotes(broker)}`)
  console.log(`\n${coldStartNotes(coldStart.details)}`)
  console.log(
    `\nwall time ${((performance.now() - started) / 1000).toFixed(0)} s; bench/results.json`,
  )

  const broken = brokenRows(rows)
  for (const line of broken) log(`broken scenario, numbers not valid: ${line}`)
  return broken.length ? 1 : 0
}

// `npm run bench -- embedded`: the API rows against npm start as a laptop runs it.
const bench = process.argv[2] === 'embedded' ? benchEmbedded : main
// Bounded: a client library's stray timer must not keep a finished bench alive.
process.exit(await runBounded({ name: 'bench', watchdogMs: WATCHDOG_MS }, bench))
