import { runWithDatabase } from '@dropmate/db/cli'

/**
 * `node --import tsx scripts/test/run-sql.ts '<sql>'`: runs SQL on the configured database
 * (DATABASE_URL, or the embedded one in DATA_DIR), which a test cannot reach itself while
 * embedded data is closed to every process but the one that opens it.
 */
const statement = process.argv[2]
if (!statement) throw new Error('usage: run-sql.ts <sql>')
await runWithDatabase(async (db) => {
  await db.sql.unsafe(statement)
})
