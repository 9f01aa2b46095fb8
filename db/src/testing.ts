import { Redis } from 'ioredis'
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { randomBytes, randomUUID } from 'node:crypto'
import { once } from 'node:events'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import postgres from 'postgres'
import { createSql, type Sql } from './client'
import { openDatabase } from './database'
import { freePort } from './free-port'
import { migratedDataDir } from './migrated-data-dir'
import { loadMigrations, migrate } from './migrations'

export { freePort, migratedDataDir }
export {
  postgresServerInstalled,
  startPrivatePostgres,
  type PrivatePostgres,
} from './private-postgres'

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

/**
 * A database for one test file with every migration applied: a new one on the PostgreSQL
 * server in DATABASE_URL, migrated; embedded, a copy of the one `migratedDataDir` makes once,
 * which spares each file PGlite's initdb and the migrations.
 */
export async function createMigratedTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL
  if (!serverUrl) return createEmbedded(await migratedDataDir('dropmate-test-'))
  const db = await createOnServer(serverUrl)
  await migrate(db.sql, await loadMigrations())
  return db
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

/** PGlite in `dataDir`, an empty directory of its own by default, removed on drop. */
async function createEmbedded(dataDir?: string): Promise<TestDatabase> {
  const dir = dataDir ?? (await mkdtemp(join(tmpdir(), 'dropmate-test-')))
  const database = await openDatabase({ dataDir: dir, poolMax: 1, prepare: false })
  return {
    url: database.url,
    sql: database.sql,
    mode: 'embedded',
    async drop() {
      await database.close()
      await rm(dir, { recursive: true, force: true })
    },
  }
}

/**
 * Deletes every key under `prefix`. A client of its own, without a prefix: SCAN answers
 * full key names, which a prefixed client's DEL would prefix again. A Redis that is not
 * there has nothing to clean.
 */
export async function deleteRedisKeys(url: string, prefix: string): Promise<void> {
  const admin = new Redis(url, { maxRetriesPerRequest: 1, retryStrategy: () => null })
  admin.on('error', () => {})
  try {
    for await (const keys of admin.scanStream({ match: `${prefix}*`, count: 500 })) {
      if ((keys as string[]).length) await admin.del(...(keys as string[]))
    }
  } catch {
    // unreachable: nothing was written there either
  } finally {
    admin.disconnect()
  }
}

export interface TestRedis {
  /** A client whose every key lies under a prefix of this test's own. */
  redis: Redis
  /** Deletes the test's keys and disconnects. */
  cleanup(): Promise<void>
}

/**
 * A Redis namespace for one test: tests running at once, and leftovers of a crashed run,
 * never see each other's keys.
 */
export function createTestRedis(url: string): TestRedis {
  const keyPrefix = `test:${randomUUID()}:`
  const redis = new Redis(url, { keyPrefix })
  return {
    redis,
    async cleanup() {
      await deleteRedisKeys(url, keyPrefix)
      redis.disconnect()
    },
  }
}

/** Whether this machine can run a Redis of a test's own (`redis-server` on the PATH). */
export const redisServerInstalled = (() => {
  try {
    execFileSync('redis-server', ['--version'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
})()

export interface PrivateRedis {
  url: string
  /** Kills the server at once, as a crash or a node failure would. */
  crash(): Promise<void>
  /** Starts it again on the same port and data, resolving once it answers. */
  restart(): Promise<void>
  /** Stops it and removes its data. */
  cleanup(): Promise<void>
}

/**
 * A Redis server of the test's own on a free port, for tests that stop it: the shared one
 * must stay up for everyone else. It keeps what it acknowledged, as a managed Redis does
 * (every write fsynced to its append-only file), so a restart loses nothing.
 */
export async function startPrivateRedis(): Promise<PrivateRedis> {
  const dir = await mkdtemp(join(tmpdir(), 'dropmate-redis-'))
  const port = await freePort()
  let server = await startRedisServer(dir, port)
  return {
    url: `redis://127.0.0.1:${port}`,
    async crash() {
      server.kill('SIGKILL')
      if (server.exitCode === null && server.signalCode === null) await once(server, 'exit')
    },
    async restart() {
      server = await startRedisServer(dir, port)
    },
    async cleanup() {
      server.kill('SIGKILL')
      await rm(dir, { recursive: true, force: true })
    },
  }
}

async function startRedisServer(dir: string, port: number): Promise<ChildProcess> {
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '']
  args.push('--appendonly', 'yes', '--appendfsync', 'always')
  const server = spawn('redis-server', args, { stdio: 'ignore' })
  const deadline = Date.now() + 10_000
  while (!(await answersPing(port))) {
    if (Date.now() > deadline) throw new Error(`redis-server on port ${port} did not start`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
  return server
}

async function answersPing(port: number): Promise<boolean> {
  const probe = new Redis({
    port,
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  })
  probe.on('error', () => {})
  try {
    await probe.connect()
    return (await probe.ping()) === 'PONG'
  } catch {
    return false
  } finally {
    probe.disconnect()
  }
}
