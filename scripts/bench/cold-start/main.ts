import { loadMigrations, migrate } from '@dropmate/db'
import { createCleanups } from '../cleanups'
import { createBenchDatabase } from '../database'
import { localRedisAnswers } from '../redis'
import { formatTable, toRows } from '../report'
import { benchColdStart } from './run'
import { coldStartNotes } from './summary'

// The cold-start part of npm run bench alone, against a database of its own:
//   node --import tsx scripts/bench/cold-start/main.ts [samples] [function ...]
const log = (line: string) => process.stderr.write(`bench: ${line}\n`)
const cleanups = createCleanups((name, error) => log(`${name} failed: ${String(error)}`))
const [samples, ...functions] = process.argv.slice(2)
const serverUrl =
  process.env.BENCH_DATABASE_URL ||
  process.env.DATABASE_URL ||
  'postgres://postgres@127.0.0.1:5432/postgres'

try {
  const db = await createBenchDatabase(serverUrl, cleanups)
  await migrate(db.sql, await loadMigrations())
  const redis = process.env.BENCH_REDIS !== 'off' && (await localRedisAnswers())
  const started = performance.now()
  const { measured, details } = await benchColdStart(
    {
      databaseUrl: db.url,
      redis,
      samples: samples ? Number(samples) : undefined,
      functions: functions.length ? functions : undefined,
    },
    log,
  )
  console.log(formatTable(toRows(measured, { baseline: false })))
  console.log(`\n${coldStartNotes(details)}`)
  console.log(`\nnode ${process.version}; ${((performance.now() - started) / 1000).toFixed(0)} s`)
} finally {
  await cleanups.run()
}
process.exit()
