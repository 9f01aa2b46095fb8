import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { startEventSink } from '../chaos/event-sink'
import { DISPATCHERS, emailOf, STAFF_DOMAIN } from '../seed/demo-data'
import { runBounded } from './bounded'
import { ROOT } from './child'
import { createBenchDatabase, fillBenchDatabase } from './database'
import { createBenchFleet } from './fleet'
import { localRedisAnswers, LOCAL_REDIS_URL } from './redis'
import { JWT_SECRET, PASSWORD, DEFAULT_DATABASE_URL } from './stack'
import { cityChart } from './city/city-chart'
import { helloWorldRate } from './city/machine-speed'
import { cityOptions, pingRate, type CityOptions } from './city/options'
import { runCityShape, type ShapeResult } from './city-shape'
import { formatCityTables } from './city/table'
import { thisMachine } from './report'

// Per shape: starting it, opening the sockets and matching the copies take a few minutes
// on a loaded machine at most; past that something hangs, and the bench must end.
const SETUP_MS = 4 * 60_000
const SHAPE_OVERHEAD_MS = 5 * 60_000

/** The watchdog of a run with these settings. */
export function cityWatchdogMs(options: CityOptions): number {
  const loaded = (options.warmupSeconds + options.seconds + options.drainSeconds) * 1000
  return SETUP_MS + options.shapes.length * (SHAPE_OVERHEAD_MS + loaded)
}

/**
 * `npm run bench -- city`: the city (10,000 drivers pinging every 5 s, 50 dispatchers
 * and 4,950 tracking pages) against each shape in turn, on PostgreSQL and Redis. Writes
 * bench/city.json and bench/city.svg and prints the target table. Resolves with the exit code.
 */
export async function benchCity(args: string[]): Promise<number> {
  const options = cityOptions(args, process.env)
  return runBounded(
    { name: 'bench city', watchdogMs: cityWatchdogMs(options) },
    async ({ cleanups, signal, log }) => {
      const started = performance.now()
      if (!(await localRedisAnswers())) {
        throw new Error(`the city runs on PostgreSQL and Redis: no Redis on ${LOCAL_REDIS_URL}`)
      }
      const serverUrl =
        process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL || DEFAULT_DATABASE_URL
      const db = await createBenchDatabase(serverUrl, cleanups)
      log(`database ${db.name}: migrating and seeding the demo shop`)
      await fillBenchDatabase(db.sql, PASSWORD)
      log(`database ${db.name}: ${options.drivers} drivers, ${options.tracking} in transit`)
      const fleet = await createBenchFleet(
        db.sql,
        { drivers: options.drivers, inTransit: options.tracking },
        JWT_SECRET,
      )
      const helloWorldPerSecond = await helloWorldRate(cleanups, signal)
      log(`this machine: hello world answers ${helloWorldPerSecond}/s`)
      const sink = await startEventSink()
      cleanups.defer('close the event sink', () => sink.close())

      const ground = {
        options,
        databaseUrl: db.url,
        fleet,
        dispatcher: { email: emailOf(DISPATCHERS[0]!.name, STAFF_DOMAIN), password: PASSWORD },
        jwtSecret: JWT_SECRET,
        sinkUrl: sink.url,
      }
      const results: ShapeResult[] = []
      for (const shape of options.shapes) {
        results.push(await runCityShape(shape, ground, cleanups, log, signal))
      }

      const report = {
        date: new Date().toISOString(),
        machine: { ...thisMachine(), helloWorldPerSecond },
        options: { ...options, pingsPerSecond: pingRate(options) },
        shapes: results,
      }
      await mkdir(join(ROOT, 'bench'), { recursive: true })
      // JSON has no Infinity: a percentile among copies that never arrived is written as null.
      await writeFile(join(ROOT, 'bench/city.json'), `${JSON.stringify(report, null, 2)}\n`)
      await writeFile(join(ROOT, 'bench/city.svg'), cityChart(results))
      console.log(formatCityTables(options, results, helloWorldPerSecond))
      console.log(
        `\nwall time ${((performance.now() - started) / 1000).toFixed(0)} s; ` +
          'bench/city.json, bench/city.svg',
      )
      return 0
    },
  )
}
