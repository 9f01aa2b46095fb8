import { createAccount } from '@dropmate/kit'
import { createSql, loadMigrations, migrate } from '@dropmate/db'
import {
  postgresServerInstalled,
  startPrivatePostgres,
  type PrivatePostgres,
} from '@dropmate/db/testing'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { start, stop, type Started } from './process'

/**
 * `npm start` against a PostgreSQL of the test's own that the test stops and starts again,
 * as a managed database's restart or failover does to a running deployment.
 */
const PASSWORD = 'a long enough password'
const PLACE = {
  name: 'Padaria Estrela',
  address: 'Rua da Estrela 10, Lisboa',
  lat: 38.71,
  lng: -9.16,
}
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
// Far above any answer a healthy server gives here; a request held longer counts as hung.
const HUNG_MS = 20_000

let postgres: PrivatePostgres
let dataDir: string
let server: Started
let token: string

async function api(method: string, path: string, body?: unknown) {
  const started = performance.now()
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(HUNG_MS),
  }).catch((error: unknown) => {
    // No answer at all: a 599 carrying what fetch said, so an assertion shows it.
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : ''
    return new Response(`${String(error)} ${cause}`, { status: 599 })
  })
  const text = await response.text()
  return { response, text, ms: performance.now() - started }
}

/** What a request that meets the outage is answered. */
const COME_BACK = {
  status: 503,
  retryAfter: '1',
  text: expect.stringContaining('database_unavailable'),
}

const createShipment = () => api('POST', '/api/shipments', { sender: PLACE, receiver: PLACE })

interface Answer {
  status: number
  retryAfter: string | null
  ms: number
  text: string
}

/** Clients creating and listing shipments as fast as answers come, until `stop`. */
function startLoad(clients: number) {
  const answers: Answer[] = []
  let running = true
  const client = async () => {
    for (let turn = 0; running; turn++) {
      const { response, text, ms } = await (turn % 2
        ? api('GET', '/api/shipments')
        : createShipment())
      const retryAfter = response.headers.get('retry-after')
      answers.push({ status: response.status, retryAfter, ms, text })
    }
  }
  const done = Promise.allSettled(Array.from({ length: clients }, client))
  return {
    answers,
    async stop() {
      running = false
      await done
    },
  }
}

/** Waits until the server creates shipments again, without being restarted. */
async function untilServing() {
  const deadline = Date.now() + 30_000
  for (;;) {
    const { response } = await createShipment()
    if (response.status === 201) return
    if (Date.now() > deadline) throw new Error(`still ${response.status} after the restart`)
    await pause(200)
  }
}

/** Waits until /ready says every check is ok again, showing the last answer if it never does. */
async function untilReady() {
  const deadline = Date.now() + 10_000
  for (;;) {
    const ready = await fetch(`${server.url}/ready`)
    const body = await ready.json()
    if (ready.status === 200 || Date.now() > deadline) {
      expect(body).toMatchObject({ checks: { database: 'ok', migrations: 'ok' } })
      return
    }
    await pause(200)
  }
}

async function expectAlive() {
  if (server.child.exitCode === null && server.child.signalCode === null) return
  // Dead: its exit code and stderr say why.
  expect(await server.exited).toBeUndefined()
}

describe.runIf(postgresServerInstalled)('a PostgreSQL outage under npm start', () => {
  beforeAll(async () => {
    postgres = await startPrivatePostgres()
    dataDir = await mkdtemp(join(tmpdir(), 'dropmate-outage-'))
    const sql = createSql({ url: postgres.url, poolMax: 1, prepare: true })
    try {
      await migrate(sql, await loadMigrations())
      await createAccount(sql, {
        email: 'ines@estrela.example',
        name: 'Inês Ferreira',
        phone: null,
        role: 'admin',
        password: PASSWORD,
      })
    } finally {
      await sql.end()
    }
    server = await start({ DATABASE_URL: postgres.url, DATA_DIR: dataDir })
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'ines@estrela.example', password: PASSWORD }),
    })
    token = ((await login.json()) as { accessToken: string }).accessToken
  })

  afterAll(async () => {
    if (server && server.child.exitCode === null) await stop(server)
    await postgres?.cleanup()
    if (dataDir) await rm(dataDir, { recursive: true, force: true })
  })

  it('survives PostgreSQL stopping at once under load, again and again, and serves once it is back', async () => {
    for (let round = 0; round < 5; round++) {
      // Transactions in flight when the server goes are what brought the process down.
      await untilServing()
      const load = startLoad(16)
      await pause(400)
      await postgres.stopImmediately()
      await pause(400)
      await postgres.restart()
      await load.stop()
      await expectAlive()
      // Requests that met the outage were told to come back, none was failed as a fault.
      for (const { status, retryAfter, text } of load.answers) {
        if (status >= 300) expect({ status, retryAfter, text }).toMatchObject(COME_BACK)
      }
    }
    await untilServing()
    await expectAlive()
  }, 180_000)

  it('answers 503 with Retry-After at once while PostgreSQL is down, and recovers by itself', async () => {
    await untilServing()
    const logsBefore = server.logs.length
    await postgres.stopImmediately()
    try {
      const load = startLoad(8)
      await pause(3_000)
      await load.stop()
      const times = load.answers.map((answer) => Math.round(answer.ms)).sort((a, b) => a - b)
      const p99 = times[Math.floor(times.length * 0.99)]
      console.log(
        `${times.length} answers in the outage: p99 ${p99} ms, slowest ${times.at(-1)} ms`,
      )
      expect(load.answers.length).toBeGreaterThan(0)
      for (const answer of load.answers) {
        expect(answer).toMatchObject(COME_BACK)
        // The bar is 1 s; the margin is for a machine shared with other test runs.
        expect(answer.ms).toBeLessThan(2_000)
      }
      expect((await fetch(`${server.url}/health`)).status).toBe(200)
      const asked = performance.now()
      const ready = await fetch(`${server.url}/ready`)
      expect(ready.status).toBe(503)
      expect(performance.now() - asked).toBeLessThan(2_000)
      expect(await ready.json()).toMatchObject({
        checks: { database: expect.not.stringMatching(/^ok$/) },
      })
    } finally {
      await postgres.restart()
    }
    await untilServing()
    await untilReady()
    // The operator reads one line when the database goes and one when it is back, not one
    // per refused query of every background loop.
    const since = server.logs.slice(logsBefore)
    const said = (msg: string) => since.filter((line) => line.msg === msg).length
    expect(said('database unreachable, refusing queries until it answers')).toBe(1)
    expect(said('database reachable again')).toBe(1)
    expect(said('outbox relay failed')).toBe(0)
    expect((await api('GET', '/api/shipments')).response.status).toBe(200)
  }, 120_000)
})
