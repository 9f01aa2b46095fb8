import { createSql, loadMigrations, migrate } from '@dropmate/db'
import {
  startPrivatePostgres,
  startPrivateRedis,
  type PrivatePostgres,
  type PrivateRedis,
} from '@dropmate/db/testing'
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import postgres from 'postgres'
import { ROOT } from '../bench/child'
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

/**
 * A data directory with the demo shop in embedded PGlite, for the embedded deployment, seeded
 * by `npm run db:seed` in a process of its own: PGlite's WASM would hold up this one's event
 * loop, which times every answer of the load.
 */
export async function seedEmbedded(): Promise<string> {
  const dataDir = await mkdtemp(join(tmpdir(), 'dropmate-chaos-embedded-'))
  const seed = spawn(process.execPath, ['--import', 'tsx', 'scripts/seed/main.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DATA_DIR: dataDir,
      SEED_PASSWORD: PASSWORD,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let stderr = ''
  seed.stderr.on('data', (chunk: Buffer) => (stderr += chunk))
  const [code] = await once(seed, 'exit')
  if (code !== 0) throw new Error(`seeding embedded data exited ${code}: ${stderr}`)
  return dataDir
}
