import { createSql, loadMigrations, migrate, openDatabase } from '@dropmate/db'
import {
  startPrivatePostgres,
  startPrivateRedis,
  type PrivatePostgres,
  type PrivateRedis,
} from '@dropmate/db/testing'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import postgres from 'postgres'
import { seedDemoShop } from '../seed/seed-demo-shop'

export const PASSWORD = 'chaos-only-password'
const TEMPLATE = 'chaos_template'

export interface DataStores {
  postgres: PrivatePostgres
  redis: PrivateRedis
  /** A database of its own for one scenario: a copy of the seeded demo shop. */
  database(name: string): Promise<string>
  cleanup(): Promise<void>
}

/**
 * PostgreSQL and Redis of the suite's own on free ports, which it may stop and crash at will
 * (the machine's shared ones must stay up), and the demo shop seeded once into a template
 * database that each scenario copies.
 */
export async function startDataStores(): Promise<DataStores> {
  const [server, redis] = await Promise.all([startPrivatePostgres(), startPrivateRedis()])
  const admin = postgres(server.url, { max: 1, onnotice: () => {} })
  const urlOf = (name: string) => Object.assign(new URL(server.url), { pathname: `/${name}` }).href
  await admin`create database ${admin(TEMPLATE)}`
  const template = createSql({ url: urlOf(TEMPLATE), poolMax: 2, prepare: true })
  await migrate(template, await loadMigrations())
  await seedDemoShop(template, { password: PASSWORD })
  await template.end({ timeout: 5 })
  return {
    postgres: server,
    redis,
    async database(name) {
      await admin`create database ${admin(name)} template ${admin(TEMPLATE)}`
      return urlOf(name)
    },
    async cleanup() {
      await admin.end({ timeout: 1 }).catch(() => {})
      await Promise.all([server.cleanup(), redis.cleanup()])
    },
  }
}

/** A data directory with the demo shop in embedded PGlite, for the embedded deployment. */
export async function seedEmbedded(): Promise<string> {
  const dataDir = await mkdtemp(join(tmpdir(), 'dropmate-chaos-embedded-'))
  const db = await openDatabase({ dataDir, poolMax: 1, prepare: false })
  await migrate(db.sql, await loadMigrations())
  await seedDemoShop(db.sql, { password: PASSWORD })
  await db.close()
  return dataDir
}
