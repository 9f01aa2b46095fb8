import { openDatabase, type Sql } from '@dropmate/db'
import {
  createTestDatabase,
  deleteRedisKeys,
  postgresServerInstalled,
  startPrivatePostgres,
  migratedDataDir,
} from '@dropmate/db/testing'
import { execFile } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { once } from 'node:events'
import { rm } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import postgresClient from 'postgres'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { start, type Started } from './process'

const root = fileURLToPath(new URL('../../..', import.meta.url))
const run = promisify(execFile)
const PASSWORD = 'a long enough password'

let dataDir: string

beforeEach(async () => {
  dataDir = await migratedDataDir('dropmate-history-')
})

afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true })
})

async function createDriver(env: Record<string, string | undefined>) {
  await run(
    process.execPath,
    [
      '--import',
      'tsx',
      'functions/auth/src/cli/create-user.ts',
      ...['--email', 'bruno@example.com', '--name', 'Bruno', '--role', 'driver'],
      ...['--vehicle', 'scooter', '--password', PASSWORD],
    ],
    // Embedded unless `env` names a database, as `start` runs the server.
    { cwd: root, env: { ...process.env, DATABASE_URL: undefined, ...env } },
  )
}

async function signIn(url: string) {
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'bruno@example.com', password: PASSWORD }),
  })
  expect(login.status).toBe(200)
  const { accessToken } = (await login.json()) as { accessToken: string }
  const me = await fetch(`${url}/api/me`, { headers: { authorization: `Bearer ${accessToken}` } })
  const { driverId } = (await me.json()) as { driverId: string }
  return { token: accessToken, driverId }
}

/** One ping in binary mode, as a phone sends it; the answer's status. */
async function sendPing(url: string, driver: { token: string; driverId: string }) {
  const reply = await fetch(`${url}/api/locations`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${driver.token}`,
      'content-type': 'application/json',
      'ce-specversion': '1.0',
      'ce-id': randomUUID(),
      'ce-source': '/drivers/phone',
      'ce-type': 'com.dropmate.driver.location.v1',
      'ce-subject': driver.driverId,
      'ce-time': new Date().toISOString(),
    },
    body: JSON.stringify({ lat: 38.7139, lng: -9.1394 }),
  })
  return reply.status
}

async function exitOf({ child, logs }: Started, signal: NodeJS.Signals) {
  const exited = once(child, 'exit')
  child.kill(signal)
  const [code] = await exited
  return { code: code as number | null, messages: logs.map((log) => log.msg) }
}

const redisUrl = process.env.REDIS_URL

describe.runIf(postgresServerInstalled && redisUrl)('ping history at shutdown', () => {
  it('does not claim a clean shutdown while pings could not be written', async () => {
    const postgres = await startPrivatePostgres()
    const prefix = `test:${randomUUID()}:`
    try {
      const env = {
        DATA_DIR: dataDir,
        DATABASE_URL: postgres.url,
        REDIS_URL: redisUrl,
        REDIS_KEY_PREFIX: prefix,
        SHUTDOWN_TIMEOUT_MS: '1000',
      }
      await createDriver(env)
      const server = await start(env)
      const driver = await signIn(server.url)
      // The history's table locked: pings wait in the writer's queue, unanswered.
      const locker = postgresClient(postgres.url, { max: 1, onnotice: () => {} })
      const locked = Promise.withResolvers<void>()
      const holding = locker
        .begin(async (tx) => {
          await tx`lock table driver_locations in access exclusive mode`
          locked.resolve()
          await new Promise(() => {})
        })
        .catch(() => {}) // the server goes away under it
      await locked.promise
      const answers = [sendPing(server.url, driver), sendPing(server.url, driver)]
      await new Promise((resolve) => setTimeout(resolve, 500))
      await postgres.stopImmediately()
      await holding
      await locker.end({ timeout: 0 })
      // Not acknowledged: the phone keeps them and sends them again.
      expect(await Promise.all(answers)).toEqual([503, 503])

      const { code, messages } = await exitOf(server, 'SIGTERM')
      expect(messages).not.toContain('shut down cleanly')
      expect(server.logs).toContainEqual(
        expect.objectContaining({ msg: 'ping history lost at shutdown', lost: 2 }),
      )
      expect(code).toBe(1)
    } finally {
      await postgres.cleanup()
      await deleteRedisKeys(redisUrl!, prefix)
    }
  }, 120_000)
})

interface Services {
  env: Record<string, string | undefined>
  /** How many pings of the driver the history holds. */
  history(driverId: string): Promise<number>
  cleanup(): Promise<void>
}

const embedded = async (): Promise<Services> => ({
  env: {},
  history: embeddedHistory,
  cleanup: async () => {},
})

const modes = [
  { mode: 'the embedded default', services: embedded },
  ...(process.env.DATABASE_URL && redisUrl
    ? [{ mode: 'PostgreSQL and Redis', services: servicesOfItsOwn }]
    : []),
]

describe.each(modes)('ping history in $mode', ({ services }) => {
  it('keeps every ping it acknowledged through a kill -9', async () => {
    const { env, history, cleanup } = await services()
    try {
      const serverEnv = { DATA_DIR: dataDir, ...env }
      await createDriver(serverEnv)
      const server = await start(serverEnv)
      const driver = await signIn(server.url)
      const statuses = await Promise.all(
        Array.from({ length: 20 }, () => sendPing(server.url, driver)),
      )
      expect(statuses).toEqual(Array(20).fill(202))
      await exitOf(server, 'SIGKILL')

      expect(await history(driver.driverId)).toBe(20)
    } finally {
      await cleanup()
    }
  }, 120_000)
})

/** A database and a key prefix of the test's own on the machine's PostgreSQL and Redis. */
async function servicesOfItsOwn(): Promise<Services> {
  const database = await createTestDatabase()
  const prefix = `test:${randomUUID()}:`
  return {
    env: { DATABASE_URL: database.url, REDIS_URL: redisUrl, REDIS_KEY_PREFIX: prefix },
    history: (driverId: string) => countPings(database.sql, driverId),
    async cleanup() {
      await database.drop()
      await deleteRedisKeys(redisUrl!, prefix)
    },
  }
}

async function embeddedHistory(driverId: string) {
  const db = await openDatabase({ dataDir, poolMax: 1, prepare: false })
  try {
    return await countPings(db.sql, driverId)
  } finally {
    await db.close()
  }
}

async function countPings(sql: Sql, driverId: string) {
  const [row] = await sql<{ n: number }[]>`
    select count(*)::int as n from driver_locations where driver_id = ${driverId}
  `
  return row!.n
}
