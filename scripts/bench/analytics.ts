import {
  countFailureReasons,
  countVolumeByHour,
  measureDriverProductivity,
  summariseDeliveries,
  type AnalyticsScope,
  type Queryable,
} from '@dropmate/db'
import { startTestApi } from '@dropmate/kit/testing'
import { analyticsReports } from '@dropmate/shipments'
import { parseArgs } from 'node:util'
import postgres from 'postgres'
import { seedHistory, type HistoryShape } from './analytics-history'
import { runBounded } from './bounded'

// A busy small shop for a year: 300 shipments a day by 40 drivers. `--per-day N --drivers N`
// sizes another (the embedded default is for a shop of a handful of drivers).
const SHAPE: HistoryShape = { days: 365, shipmentsPerDay: 300, drivers: 40 }
const TIME_ZONE = 'Europe/Lisbon'
const RUNS = 5
// The bar for each report's query on a year of data.
const BAR_MS = 300

const QUERIES: Record<string, (sql: Queryable, scope: AnalyticsScope) => Promise<unknown>> = {
  summary: summariseDeliveries,
  failures: countFailureReasons,
  drivers: measureDriverProductivity,
  volume: (sql, scope) => countVolumeByHour(sql, scope, TIME_ZONE),
}

/**
 * `npm run bench -- analytics [--per-day 300 --drivers 40]`: a year of history seeded in bulk, then each report over HTTP
 * (the median of 5) for the whole year, the last 30 days and one driver's year, and the
 * EXPLAIN ANALYZE of each year query; PostgreSQL with DATABASE_URL, embedded PGlite without.
 */
export async function benchAnalytics(args: string[] = []): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { 'per-day': { type: 'string' }, drivers: { type: 'string' } },
  })
  const shape = {
    ...SHAPE,
    shipmentsPerDay: Number(values['per-day'] ?? SHAPE.shipmentsPerDay),
    drivers: Number(values.drivers ?? SHAPE.drivers),
  }
  return runBounded(
    { name: 'bench analytics', watchdogMs: 15 * 60_000 },
    async ({ cleanups, log }) => {
      const api = await startTestApi((deps) => analyticsReports.app(deps), {
        SHOP_TIME_ZONE: TIME_ZONE,
      })
      cleanups.defer('analytics api', () => api.close())
      const database = process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite'
      const seeding = performance.now()
      await seedHistory(api.db.sql, shape)
      const [counts] = await api.db.sql<{ shipments: number; events: number; outcomes: number }[]>`
        select
          (select count(*)::int from shipments) as shipments,
          (select count(*)::int from shipment_events) as events,
          (select count(*)::int from delivery_outcomes) as outcomes
      `
      log(
        `${database}: seeded ${JSON.stringify(counts)} in ` +
          `${((performance.now() - seeding) / 1000).toFixed(1)} s`,
      )

      const dispatcher = await api.signIn('dispatcher')
      const [driver] = await api.db.sql<{ id: string }[]>`
        select d.id from drivers d join users u on u.id = d.user_id
        where u.email = 'bench.driver.1@estrela.example'
      `
      const day = (daysAgo: number) =>
        new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10)
      const cases = {
        year: `from=${day(365)}&to=${day(1)}`,
        '30 days': `from=${day(30)}&to=${day(1)}`,
        'year, one driver': `from=${day(365)}&to=${day(1)}&driverId=${driver!.id}`,
      }
      let over = 0
      for (const [name, query] of Object.entries(cases)) {
        for (const report of Object.keys(QUERIES)) {
          const times: number[] = []
          for (let run = 0; run < RUNS; run++) {
            const started = performance.now()
            const response = await fetch(`${api.url}/api/analytics/${report}?${query}`, {
              headers: { authorization: `Bearer ${dispatcher.token}` },
            })
            await response.arrayBuffer()
            if (response.status !== 200) throw new Error(`${report} answered ${response.status}`)
            times.push(performance.now() - started)
          }
          const median = times.sort((a, b) => a - b)[Math.floor(RUNS / 2)]!
          if (median > BAR_MS) over++
          log(`${name.padEnd(17)} ${report.padEnd(9)} median ${median.toFixed(1)} ms over HTTP`)
        }
      }

      const year = {
        from: new Date(`${day(365)}T00:00:00Z`),
        to: new Date(`${day(0)}T00:00:00Z`),
      }
      for (const [report, read] of Object.entries(QUERIES)) {
        log(`EXPLAIN ANALYZE ${report}, a year:\n${await explain(api.db.url, read, year)}`)
      }
      log(over === 0 ? `every report under ${BAR_MS} ms` : `${over} over ${BAR_MS} ms`)
      return over === 0 ? 0 : 1
    },
  )
}

/** The plan of the one statement `read` sends, run for real, as PostgreSQL prints it. */
async function explain(
  url: string,
  read: (sql: Queryable, scope: AnalyticsScope) => Promise<unknown>,
  scope: AnalyticsScope,
): Promise<string> {
  let sent: { query: string; parameters: unknown[] } | undefined
  const sql = postgres(url, {
    max: 1,
    prepare: false,
    onnotice: () => {},
    debug: (_connection, query, parameters) => (sent = { query, parameters }),
  })
  try {
    await read(sql, scope)
    const plan = await sql.unsafe<{ 'QUERY PLAN': string }[]>(
      `explain (analyze, buffers) ${sent!.query}`,
      sent!.parameters as postgres.ParameterOrJSON<never>[],
    )
    return plan.map((row) => row['QUERY PLAN']).join('\n')
  } finally {
    await sql.end({ timeout: 5 })
  }
}
