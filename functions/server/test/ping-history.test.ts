import { openDatabase } from '@dropmate/db'
import {
  deleteRedisKeys,
  postgresServerInstalled,
  startPrivatePostgres,
} from '@dropmate/db/testing'
import { execFile } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { once } from 'node:events'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
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
  dataDir = await mkdtemp(join(tmpdir(), 'dropmate-history-'))
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

// With Redis, ingest answers before the history write, which follows in bulk.
describe.runIf(postgresServerInstalled && redisUrl)('ping history at shutdown', () => {
  it('does not claim a clean shutdown while accepted pings could not be written', async () => {
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
      // The history's table locked: accepted pings wait in the writer's queue.
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
      expect(await sendPing(server.url, driver)).toBe(202)
      expect(await sendPing(server.url, driver)).toBe(202)
      await postgres.stopImmediately()
      await holding
      await locker.end({ timeout: 0 })

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

describe('ping history in the embedded default', () => {
  it('keeps every ping it acknowledged through a kill -9', async () => {
    const env = { DATA_DIR: dataDir }
    await createDriver(env)
    const server = await start(env)
    const driver = await signIn(server.url)
    const statuses = await Promise.all(
      Array.from({ length: 20 }, () => sendPing(server.url, driver)),
    )
    expect(statuses).toEqual(Array(20).fill(202))
    await exitOf(server, 'SIGKILL')

    const db = await openDatabase({ dataDir, poolMax: 1, prepare: false })
    try {
      const [row] = await db.sql<{ n: number }[]>`
        select count(*)::int as n from driver_locations where driver_id = ${driver.driverId}
      `
      expect(row!.n).toBe(20)
    } finally {
      await db.close()
    }
  }, 120_000)
})
