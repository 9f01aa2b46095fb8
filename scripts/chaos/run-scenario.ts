import { randomBytes } from 'node:crypto'
import type { Observation } from './checks'
import { createClient } from './client'
import type { Deployment } from './deployments'
import type { DeliveredEvent } from './event-sink'
import type { JourneyContext } from './journey'
import { runLoad } from './load'
import type { Stored } from './observe'
import { faultCues, newRecord } from './record'
import { caughtUp, listShipments, timeUntil } from './recovery'
import type { Scenario } from './scenarios'
import type { DataStores } from './services'
import { signIn } from './sign-in'
import { settledVerdict } from './settle'
import { openDashboard, openTrackingPage, stateOf, type Screen } from './sockets'
import type { Supervised } from './supervisor'
import type { Row } from './table'

// A deployment the previous scenario left down gets this long to come back.
const READY_LIMIT_MS = 30_000
// A scenario's bounds, so the whole run stays well under six minutes on a loaded machine.
const WARMUP_MS = 2_500
const LOAD_MS = 7_000
const FINISH_LIMIT_MS = 30_000
const RECOVERY_LIMIT_MS = 30_000
// A change younger than this may still be on its way to the sockets while the load runs.
const IN_FLIGHT_MS = 1_000

export interface Shared {
  stores: DataStores
  sink: { url: string; delivered: DeliveredEvent[]; arrived: DeliveredEvent[] }
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

/**
 * Runs one scenario on its deployment, with shipments, pings and sockets of its own, from the
 * start of its load to its verdict.
 */
export async function runScenario(
  scenario: Scenario,
  deployment: Deployment,
  shared: Shared,
): Promise<Outcome> {
  const runId = `chaos-${randomBytes(4).toString('hex')}`
  const { stack } = deployment
  // Earlier scenarios on the same deployment answer for their own fatal lines and crashes.
  const seen = Object.values(stack.processes).map((p) => [p.fatalLines.length, p.crashes.length])
  const since = (pick: (p: Supervised) => string[], at: 0 | 1) =>
    Object.values(stack.processes).flatMap((p, i) => pick(p).slice(seen[i]![at]))
  const screens: Screen[] = []
  try {
    if (!(await stack.ready(READY_LIMIT_MS))) throw new Error('deployment not ready')
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
    await scenario.inject(stack, shared.stores, faultCues(record, shared.sink.arrived))
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
    const observe = async (stored: Stored): Promise<Observation> => ({
      record,
      stored,
      delivered: shared.sink.delivered,
      emails: shared.sendgrid.sent.map((mail) => ({
        to: mail.body.personalizations[0]!.to[0]!.email,
        subject: mail.body.subject,
      })),
      screens: states(),
      answers: client.answers,
      fatalLines: since((p) => p.fatalLines, 0),
      crashes: since((p) => p.crashes, 1),
      recoveryMs,
    })
    const verdict = await settledVerdict({
      deployment,
      runId,
      observe,
      caughtUp: () => caughtUp(stack, states(), list, 0),
      closeScreens: () => screens.forEach((screen) => screen.socket.disconnect()),
    })
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
  }
}
