import { loadConfig } from '@dropmate/core'
import { databaseOptions, openDatabase, type Database } from '../database'
import { loadMigrations, migrate } from '../migrations'
import { isOperatorError } from '../operator-error'

/**
 * Runs a command-line job against the configured database (DATABASE_URL, or the embedded
 * one in DATA_DIR), migrated first, and exits 1 with a plain message on a known failure.
 *
 * @example
 * await runWithDatabase(async (db) => console.log(await countShipments(db.sql)))
 */
export async function runWithDatabase(job: (db: Database) => Promise<void>): Promise<void> {
  let db: Database | undefined
  try {
    db = await openDatabase(databaseOptions(loadConfig(process.env)))
    await migrate(db.sql, await loadMigrations())
    await job(db)
  } catch (error) {
    process.stderr.write(`${isOperatorError(error) ? error.message : (error as Error).stack}\n`)
    process.exitCode = 1
  } finally {
    await db?.close()
  }
}
