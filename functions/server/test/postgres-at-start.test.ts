import { loadMigrations, migrate, createSql } from '@dropmate/db'
import {
  postgresServerInstalled,
  startPrivatePostgres,
  type PrivatePostgres,
} from '@dropmate/db/testing'
import { once } from 'node:events'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { FUNCTION_MAIN, run, start, stop } from './process'

/**
 * Processes started while their PostgreSQL is down, as when a node restarts with both on
 * it or a deployment rolls out during the database's maintenance: nothing may crash-loop.
 */
let postgres: PrivatePostgres
let dataDir: string

/** Polls `find` until it returns something, failing with `why` after 30 s. */
async function until<T>(find: () => T | undefined | Promise<T | undefined>, why: string) {
  const deadline = Date.now() + 30_000
  for (;;) {
    const found = await find()
    if (found !== undefined) return found
    if (Date.now() > deadline) throw new Error(`not in time: ${why}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

const statusOf = (url: string) =>
  fetch(url, { signal: AbortSignal.timeout(5_000) }).then((response) => response.status)

describe.runIf(postgresServerInstalled)('starting while PostgreSQL is down', () => {
  beforeAll(async () => {
    postgres = await startPrivatePostgres()
    const sql = createSql({ url: postgres.url, poolMax: 1, prepare: true })
    await migrate(sql, await loadMigrations()).finally(() => sql.end())
  })

  afterAll(async () => {
    await postgres?.cleanup()
  })

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'dropmate-start-down-'))
    await postgres.stopImmediately()
  })

  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true })
  })

  it('npm start waits for PostgreSQL, saying so, and serves once it is there', async () => {
    const { child, logs, exited } = run({ DATABASE_URL: postgres.url, DATA_DIR: dataDir })
    try {
      const exitedEarly = exited.then((outcome) => ({ exitedEarly: outcome }))
      const waiting = until(
        () => logs.find((log) => log.msg === 'database not reachable, waiting to migrate'),
        'a log line saying what the server waits for',
      )
      expect(await Promise.race([waiting, exitedEarly])).toMatchObject({ attempt: 1 })
      await postgres.restart()
      const listening = await until(
        () => logs.find((log) => log.msg === 'listening'),
        'listening once PostgreSQL is back',
      )
      expect(await statusOf(`http://127.0.0.1:${listening.port}/ready`)).toBe(200)
    } finally {
      if (child.exitCode === null) {
        child.kill('SIGTERM')
        await once(child, 'exit')
      }
    }
  })

  it('a function starts, live but not ready, and turns ready once PostgreSQL is there', async () => {
    const env = { DATABASE_URL: postgres.url, DATA_DIR: dataDir, FUNCTION: 'track-shipment' }
    const server = await start(env, FUNCTION_MAIN)
    try {
      expect(await statusOf(`${server.url}/health`)).toBe(200)
      expect(await statusOf(`${server.url}/ready`)).toBe(503)
      await postgres.restart()
      await until(
        async () => ((await statusOf(`${server.url}/ready`)) === 200 ? true : undefined),
        'ready once PostgreSQL is back',
      )
    } finally {
      expect(await stop(server)).toBe(0)
    }
  })
})
