import { appliedMigrations } from '../migrations'
import { runWithDatabase } from './run'

const TABLES = ['users', 'drivers', 'shipments', 'shipment_events', 'driver_locations', 'outbox']

await runWithDatabase(async (db) => {
  const applied = await appliedMigrations(db.sql)
  console.log(`Database: ${db.mode}`)
  console.log('Migrations:')
  for (const row of applied) {
    console.log(
      `  ${String(row.version).padStart(4, '0')}_${row.name}  ${row.appliedAt.toISOString()}`,
    )
  }
  console.log('Rows:')
  for (const table of TABLES) {
    const [row] = await db.sql`select count(*)::int as count from ${db.sql(table)}`
    console.log(`  ${table.padEnd(18)} ${row!.count}`)
  }
})
