import { createHash } from 'node:crypto'
import { readdir, readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import type { Queryable, Sql } from './client'

export interface Migration {
  version: number
  name: string
  sql: string
  checksum: string
}

export interface AppliedMigration {
  version: number
  name: string
  checksum: string
  appliedAt: Date
}

export class MigrationError extends Error {
  override name = 'MigrationError'
}

export const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations/', import.meta.url))

// Any fixed 64-bit number works; this one only has to differ from other advisory locks.
const MIGRATION_LOCK = 4_807_133_226_001n
const FILE_NAME = /^(\d{4})_([a-z0-9_]+)\.sql$/

/** Reads `NNNN_name.sql` files in version order; anything else in the folder is an error. */
export async function loadMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((file) => !file.startsWith('.')).sort()
  const migrations = await Promise.all(
    files.map(async (file) => {
      const match = FILE_NAME.exec(file)
      if (!match) throw new MigrationError(`${file}: migration files are named NNNN_name.sql`)
      const sql = await readFile(`${dir}/${file}`, 'utf8')
      const checksum = createHash('sha256').update(sql).digest('hex')
      return { version: Number(match[1]), name: match[2]!, sql, checksum }
    }),
  )
  migrations.forEach((migration, i) => {
    if (migrations[i - 1]?.version === migration.version) {
      throw new MigrationError(`two migrations share version ${migration.version}`)
    }
  })
  return migrations
}

/**
 * Applies pending migrations in order, each in its own transaction, and returns those this
 * call applied. Every transaction first takes a transaction-scoped advisory lock, which
 * (unlike a session lock) also holds behind a transaction-mode pooler: concurrent runners
 * queue, and each re-reads what is applied once it holds the lock.
 *
 * Refuses to run, before changing anything, when an applied migration's file was edited or
 * the database holds a migration this code does not know.
 */
export async function migrate(sql: Sql, migrations: Migration[]): Promise<Migration[]> {
  await sql.begin(async (tx) => {
    await lock(tx)
    await tx`
      create table if not exists schema_migrations (
        version integer primary key,
        name text not null,
        checksum text not null,
        applied_at timestamptz not null default now()
      )
    `
    verifyApplied(await appliedMigrations(tx), migrations)
  })

  const applied: Migration[] = []
  for (const migration of migrations) {
    const ran = await sql.begin(async (tx) => {
      await lock(tx)
      const [already] = await tx`
        select 1 from schema_migrations where version = ${migration.version}
      `
      if (already) return false
      await tx.unsafe(migration.sql)
      await tx`
        insert into schema_migrations ${tx(migration, 'version', 'name', 'checksum')}
      `
      return true
    })
    if (ran) applied.push(migration)
  }
  return applied
}

/** The migrations not yet applied; empty when the schema is current. */
export async function pendingMigrations(sql: Sql, migrations: Migration[]): Promise<Migration[]> {
  const [table] = await sql`select to_regclass('schema_migrations') as name`
  if (!table?.name) return migrations
  const applied = await appliedMigrations(sql)
  verifyApplied(applied, migrations)
  const done = new Set(applied.map((row) => row.version))
  return migrations.filter((migration) => !done.has(migration.version))
}

export async function appliedMigrations(sql: Queryable): Promise<AppliedMigration[]> {
  return sql<AppliedMigration[]>`
    select version, name, checksum, applied_at
    from schema_migrations
    order by version
  `
}

function verifyApplied(applied: AppliedMigration[], migrations: Migration[]) {
  const known = new Map(migrations.map((migration) => [migration.version, migration]))
  for (const row of applied) {
    const file = known.get(row.version)
    const label = `${String(row.version).padStart(4, '0')}_${row.name}.sql`
    if (!file) {
      throw new MigrationError(`${label} is applied but missing here: is this code older?`)
    }
    if (file.checksum !== row.checksum) {
      throw new MigrationError(
        `${label} was edited after it was applied; add a new migration instead`,
      )
    }
  }
}

async function lock(tx: Queryable) {
  await tx`select pg_advisory_xact_lock(${MIGRATION_LOCK.toString()})`
}
