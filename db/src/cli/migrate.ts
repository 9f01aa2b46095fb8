import { runWithDatabase } from './run'

// runWithDatabase migrates before any job; this command is only that.
await runWithDatabase(async (db) => {
  console.log(`Schema is current (${db.mode} database).`)
})
