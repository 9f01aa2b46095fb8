import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import postgres from 'postgres'
import { createSql, type Sql } from './client'
import { openDatabase } from './database'

export interface TestDatabase {
  /** Where the database is; embedded ones accept one more client while the test runs. */
  url: string
  sql: Sql
  mode: 'postgres' | 'embedded'
  /** Closes connections and drops the database (or its data directory). */
  drop(): Promise<void>
}

/**
 * A fresh, empty database for one test file: a new database on the PostgreSQL server in
 * DATABASE_URL when it is set (CI), otherwise embedded PGlite in a temporary directory, so
 * a machine without services still runs every test.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL
  return serverUrl ? createOnServer(serverUrl) : createEmbedded()
}

async function createOnServer(serverUrl: string): Promise<TestDatabase> {
  const name = `dropmate_test_${randomBytes(6).toString('hex')}`
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} })
  await admin`create database ${admin(name)}`
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  const sql = createSql({ url: url.href, poolMax: 4, prepare: true })
  return {
    url: url.href,
    sql,
    mode: 'postgres',
    async drop() {
      await sql.end({ timeout: 5 })
      await admin`drop database if exists ${admin(name)} with (force)`
      await admin.end({ timeout: 5 })
    },
  }
}

async function createEmbedded(): Promise<TestDatabase> {
  const dataDir = await mkdtemp(join(tmpdir(), 'dropmate-test-'))
  const database = await openDatabase({ dataDir, poolMax: 1, prepare: false })
  return {
    url: database.url,
    sql: database.sql,
    mode: 'embedded',
    async drop() {
      await database.close()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}
