import { runWithDatabase } from '@dropmate/db/cli'
import { publicBaseUrl } from '../lib/links'
import { findParcelOnItsWay } from './parcel-on-its-way'
import { seedDemoShop } from './seed-demo-shop'
import { formatLinks, formatSummary } from './summary'

const password = process.env.SEED_PASSWORD || 'dropmate-demo'

await runWithDatabase(async (db) => {
  const created = await seedDemoShop(db.sql, { password })
  console.log(formatSummary(created, password, Boolean(process.env.SEED_PASSWORD)))
  console.log(formatLinks(publicBaseUrl(process.env), await findParcelOnItsWay(db.sql)))
})
