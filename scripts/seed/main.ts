import { runWithDatabase } from '@dropmate/db/cli'
import { seedDemoShop } from './seed-demo-shop'
import { formatSummary } from './summary'

const password = process.env.SEED_PASSWORD || 'dropmate-demo'

await runWithDatabase(async (db) => {
  const created = await seedDemoShop(db.sql, { password })
  console.log(formatSummary(created, password, Boolean(process.env.SEED_PASSWORD)))
})
