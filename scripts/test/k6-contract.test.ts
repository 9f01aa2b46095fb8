import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Report } from '../k6/contract/report'
import { requestProblems, type OpenApi } from '../k6/contract/request-problems'
import { scenarioProblems } from '../k6/contract/scenario-problems'
import { thresholdProblems } from '../k6/contract/threshold-problems'
import { DRIVERS, emailOf, STAFF_DOMAIN } from '../seed/demo-data'
import { hasK6, runOnK6, runOnShims } from './k6'
import { startSeededServer, type SeededServer } from './server'

const SCRIPTS = ['track', 'dispatch', 'pings', 'dashboard', 'cold-start']

// The scripts' own knobs, turned down to what one iteration needs: a dashboard holds its
// socket three seconds and pings every second, a dead zone is five pings, the idle period one
// second.
const QUICK = {
  SOCKET_SECONDS: '3',
  PING_INTERVAL_SECONDS: '1',
  CATCH_UP_PINGS: '5',
  IDLE_SECONDS: '1',
  TRACKING_NUMBERS: '20',
}

let server: SeededServer
let openApi: OpenApi

beforeAll(async () => {
  server = await startSeededServer('k6-contract')
  openApi = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as OpenApi
}, 120_000)

afterAll(() => server?.close())

const env = () => ({ BASE_URL: server.url, ...QUICK })

describe.runIf(hasK6())('the k6 scenarios, run by k6 once each against the demo shop', () => {
  it.each(SCRIPTS)(
    '%s passes its checks without a failed request',
    async (name) => {
      const run = await runOnK6(name, env())
      // 99 means a threshold was missed, as one iteration on a busy test machine may be:
      // timings are for load tests to judge. Anything else (104: a threshold on an unknown
      // metric, 107: an exception in setup) is the script's fault.
      expect([0, 99], run.stderr).toContain(run.code)
      expect(run.metrics?.checks).toMatchObject({ fails: 0 })
      expect(run.metrics?.http_req_failed).toMatchObject({ value: 0 })
      if (name === 'dashboard') expect(run.metrics?.pings_on_screen?.passes).toBeGreaterThan(0)
    },
    180_000,
  )
})

describe.skipIf(hasK6())('the k6 scenarios, run once each on the contract shims', () => {
  describe.each(SCRIPTS)('%s', (name) => {
    let report: Report

    beforeAll(async () => {
      report = await runOnShims(name, env())
    }, 120_000)

    it('runs setup, one iteration of every scenario and teardown without an exception', () => {
      expect(report.errors).toEqual([])
    })

    it('declares scenarios k6 takes, each running a function the script exports', () => {
      expect(scenarioProblems(report)).toEqual([])
    })

    it('makes only requests that succeed, on documented routes, signed in where they must be', () => {
      expect(report.exchanges).not.toEqual([])
      expect(requestProblems(report, openApi)).toEqual([])
    })

    it('sees every check it makes pass', () => {
      expect(report.checks).not.toEqual([])
      expect(report.checks.filter((check) => !check.ok)).toEqual([])
    })

    it('sets thresholds only on metrics it emits, with tags it sets', () => {
      expect(thresholdProblems(report)).toEqual([])
    })

    it.runIf(name === 'pings')('signs in as every demo driver and pings in all three modes', () => {
      const signedIn = report.exchanges
        .filter((exchange) => exchange.tags.endpoint === 'login')
        .map((exchange) => (JSON.parse(exchange.body!) as { email: string }).email)
      for (const { name } of DRIVERS) expect(signedIn).toContain(emailOf(name, STAFF_DOMAIN))
      const pings = report.exchanges.filter((exchange) => exchange.url.endsWith('/api/locations'))
      expect(new Set(pings.map((ping) => ping.headers['content-type']))).toEqual(
        new Set([
          'application/json',
          'application/cloudevents+json',
          'application/cloudevents-batch+json',
        ]),
      )
    })

    it.runIf(name === 'dispatch')('lists, searches, creates and assigns', () => {
      const endpoints = new Set(report.exchanges.map((exchange) => exchange.tags.endpoint))
      for (const action of ['list', 'search', 'create', 'assign'])
        expect(endpoints).toContain(action)
    })

    it.runIf(name === 'dashboard')('times its own ping coming back as driver_location', () => {
      const metrics = new Set(report.samples.map((sample) => sample.metric))
      expect(report.frames.some((frame) => frame.startsWith('42["driver_location",'))).toBe(true)
      expect(metrics).toContain('ping_to_screen')
    })
  })
})
