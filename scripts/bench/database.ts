import { createSql, loadMigrations, migrate, type Sql } from '@dropmate/db'
import { randomBytes } from 'node:crypto'
import { seedDemoShop } from '../seed/seed-demo-shop'
import type { Cleanups } from './cleanups'

export interface BenchDatabase {
  name: string
  url: string
  sql: Sql
}

/**
 * A new, empty database on the server at `serverUrl`, so a run never touches a database
 * someone works in. Its drop is registered before the create is sent: the admin client has
 * one connection, so a Ctrl-C mid-create still drops it, right after the create lands.
 */
export async function createBenchDatabase(
  serverUrl: string,
  cleanups: Cleanups,
): Promise<BenchDatabase> {
  const name = `dropmate_bench_${randomBytes(6).toString('hex')}`
  const admin = createSql({ url: serverUrl, poolMax: 1, prepare: false })
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  const sql = createSql({ url: url.href, poolMax: 4, prepare: true })
  const created = admin`create database ${admin(name)}`.then(() => true)
  cleanups.defer(`drop database ${name}`, async () => {
    await sql.end({ timeout: 5 })
    // force: a child server killed mid-request may leave a session behind (PostgreSQL 13+)
    if (await created.catch(() => false)) {
      await admin`drop database if exists ${admin(name)} with (force)`
    }
    await admin.end({ timeout: 5 })
  })
  await created
  return { name, url: url.href, sql }
}

/** Migrates and seeds the demo shop; returns every parcel's tracking number. */
export async function fillBenchDatabase(sql: Sql, password: string): Promise<string[]> {
  await migrate(sql, await loadMigrations())
  await seedDemoShop(sql, { password })
  const rows = await sql<{ trackingNumber: string }[]>`
    select tracking_number
    from shipments
    order by reference
  `
  return rows.map((row) => row.trackingNumber)
}
