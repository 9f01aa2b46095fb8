import { openDatabase, createSql } from '@dropmate/db'
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { judge, type ScreenState, type Verdict } from './checks'
import { createClient } from './client'
import type { DeliveredEvent } from './event-sink'
import type { JourneyContext } from './journey'
import { runLoad } from './load'
import { readStored, type Stored } from './observe'
import { newRecord } from './record'
import { caughtUp, listShipments, timeUntil } from './recovery'
import type { Scenario } from './scenarios'
import type { DataStores } from './services'
import { startShape } from './shapes'
import { signIn } from './sign-in'
import { openDashboard, openTrackingPage, type Screen } from './sockets'
import type { Row } from './table'

// A scenario's bounds, so the whole run stays well under six minutes on a loaded machine.
const READY_LIMIT_MS = 60_000
const WARMUP_MS = 2_500
const LOAD_MS = 7_000
const FINISH_LIMIT_MS = 30_000
const RECOVERY_LIMIT_MS = 30_000
// Past an outage's end the broker's next retry comes within about 3 s (0.2 s × 2^n).
const SETTLE_LIMIT_MS = 10_000
// A change younger than this may still be on its way to the sockets while the load runs.
const IN_FLIGHT_MS = 1_000
// The embedded database cannot be read while the server holds it: wait this long for the
// broker's retries and the history writer, then stop the server and read.
const EMBEDDED_QUIET_MS = 6_000
const JWT_SECRET = 'chaos-only-secret-chaos-only-secret-0000'

export interface Shared {
  stores: DataStores
  sink: { url: string; delivered: DeliveredEvent[] }
  sendgrid: {
    url: string
    sent: Array<{
      body: { subject: string; personalizations: Array<{ to: Array<{ email: string }> }> }
    }>
  }
  log(line: string): void
}

export interface Outcome extends Row {
  failures: string[]
}

/** Runs one scenario from fresh data to its verdict, and stops everything it started. */
export async function runScenario(scenario: Scenario, shared: Shared): Promise<Outcome> {
  const runId = `chaos-${randomBytes(4).toString('hex')}`
  const dataDir =
    scenario.stores === 'embedded'
      ? await shared.stores.embeddedDataDir()
      : await mkdtemp(join(tmpdir(), 'dropmate-chaos-'))
  const databaseUrl =
    scenario.stores === 'services'
      ? await shared.stores.database(runId.replace('-', '_'))
      : undefined
  const env = {
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    ...(scenario.stores === 'services' && {
      REDIS_URL: shared.stores.redis.url,
      REDIS_KEY_PREFIX: `${runId}:`,
    }),
    AUTH_MODE: 'local',
    JWT_SECRET,
    LOG_LEVEL: 'warn',
    SENDGRID_API_KEY: 'SG.chaos-only',
    SENDGRID_API_URL: shared.sendgrid.url,
    SHUTDOWN_TIMEOUT_MS: '2000',
    TRACKING_RATE_LIMIT_PER_MINUTE: '100000',
  }
  const stack = await startShape(scenario.shape, env, shared.sink.url)
  const screens: Screen[] = []
  try {
    if (!(await stack.ready(READY_LIMIT_MS))) {
      const crashes = Object.values(stack.processes).flatMap((p) => p.crashes)
      throw new Error(`not ready within ${READY_LIMIT_MS / 1000} s ${crashes.join('\n')}`)
    }
    const { endpoints } = stack
    const { dispatcherToken, couriers, idle } = await signIn(endpoints.api)
    const client = createClient()
    const record = newRecord(runId)
    const api = { client, url: endpoints.api, token: dispatcherToken }
    const known = () => record.creates.map((c) => c.id)
    for (const name of ['dashboard 1', 'dashboard 2']) {
      screens.push(openDashboard(name, endpoints.gateway, api, known))
    }
    const started = Date.now()
    const ctx: JourneyContext = {
      client,
      endpoints,
      dispatcherToken,
      record,
      deadline: started + LOAD_MS + FINISH_LIMIT_MS,
      onCreated: (shipment) =>
        screens.push(openTrackingPage(endpoints.gateway, shipment.trackingNumber)),
    }
    const load = runLoad(ctx, { couriers, idle }, started + LOAD_MS)
    await new Promise((resolve) => setTimeout(resolve, WARMUP_MS))
    shared.log(`${scenario.name}: ${scenario.fault}`)
    await scenario.inject(stack, shared.stores)
    const list = () => listShipments(endpoints.api, dispatcherToken, runId)
    const states = () => screens.map(stateOf)
    const recoveryMs = await timeUntil(
      () => caughtUp(stack, states(), list, IN_FLIGHT_MS),
      RECOVERY_LIMIT_MS,
    )
    shared.log(
      `${scenario.name}: recovered ${recoveryMs === null ? 'never' : `in ${recoveryMs} ms`}`,
    )
    await load
    shared.log(`${scenario.name}: load done, settling`)
    const observe = async (stored: Stored) => ({
      record,
      stored,
      delivered: shared.sink.delivered,
      emails: shared.sendgrid.sent.map((mail) => ({
        to: mail.body.personalizations[0]!.to[0]!.email,
        subject: mail.body.subject,
      })),
      screens: states(),
      answers: client.answers,
      fatalLines: Object.values(stack.processes).flatMap((p) => p.fatalLines),
      crashes: Object.values(stack.processes).flatMap((p) => p.crashes),
      recoveryMs,
    })
    let verdict: Verdict
    if (databaseUrl) {
      const sql = createSql({ url: databaseUrl, poolMax: 1, prepare: false })
      const settle = async () => judge(await observe(await readStored(sql, runId)))
      await timeUntil(async () => settledOf(await settle().catch(() => undefined)), SETTLE_LIMIT_MS)
      verdict = await settle()
      await sql.end({ timeout: 1 })
    } else {
      await timeUntil(() => caughtUp(stack, states(), list, 0), SETTLE_LIMIT_MS)
      await new Promise((resolve) => setTimeout(resolve, EMBEDDED_QUIET_MS))
      const observed = await observe({ shipments: [], timeline: [], outbox: [], history: [] })
      for (const screen of screens) screen.socket.disconnect()
      await stack.stop()
      const db = await openDatabase({ dataDir, poolMax: 1, prepare: false })
      verdict = judge({ ...observed, stored: await readStored(db.sql, runId) })
      await db.close()
    }
    const sockets = screens.length
    return {
      scenario: scenario.name,
      load: `${record.creates.length} parcels, ${client.answers.length} requests, ${sockets} sockets`,
      fault: scenario.fault,
      verdict,
      recoveryMs,
      failures: verdict.failures,
    }
  } finally {
    for (const screen of screens) screen.socket.disconnect()
    await stack.stop()
    await rm(dataDir, { recursive: true, force: true })
  }
}

function stateOf(screen: Screen): ScreenState {
  return {
    name: screen.name,
    connected: screen.socket.connected,
    shows: screen.shows,
    follows: screen.follows,
  }
}

/** Settled: nothing lost any more and every screen caught up (duplicates cannot be undone). */
function settledOf(verdict: Verdict | undefined): boolean {
  if (!verdict) return false
  return Object.values(verdict.lost).every((n) => n === 0) && verdict.screensBehind === 0
}
