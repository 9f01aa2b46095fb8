import type autocannon from 'autocannon'
import { describe, expect, it } from 'vitest'
import { benchScenarios, forwardedFor, shipmentBody } from './scenarios'

const targets = {
  baselineOrigin: 'http://127.0.0.1:1',
  apiOrigin: 'http://127.0.0.1:2',
  token: 'a-token',
  trackingNumbers: ['DM-AAAA', 'DM-BBBB'],
}

function next(request: autocannon.Request): autocannon.Request {
  const setup = request.setupRequest as (
    request: autocannon.Request,
    context: object,
  ) => autocannon.Request
  return setup({ ...request, headers: {} }, {})
}

describe('benchScenarios', () => {
  it('puts the baseline first and the tracking target on tracking only', () => {
    const scenarios = benchScenarios(targets)
    expect(scenarios[0]!.origin).toBe(targets.baselineOrigin)
    expect(scenarios.filter((scenario) => scenario.target).map((s) => s.name)).toEqual([
      'GET /api/shipments/track/:number',
    ])
    expect(scenarios.slice(1).every((scenario) => scenario.origin === targets.apiOrigin)).toBe(true)
  })

  it('cycles over the seeded tracking numbers from changing client addresses', () => {
    const track = benchScenarios(targets)[1]!.requests[0]!
    const paths = [next(track), next(track), next(track)].map((request) => request.path)
    expect(paths).toEqual([
      '/api/shipments/track/DM-AAAA',
      '/api/shipments/track/DM-BBBB',
      '/api/shipments/track/DM-AAAA',
    ])
    expect(next(track).headers?.['x-forwarded-for']).toBe('198.51.100.3')
  })

  it('posts a different JSON body each time, signed in', () => {
    const create = benchScenarios(targets)[3]!.requests[0]!
    const [first, second] = [next(create), next(create)]
    expect(first.headers).toMatchObject({ authorization: 'Bearer a-token' })
    expect(first.body).not.toEqual(second.body)
    expect(JSON.parse(String(first.body))).toEqual(shipmentBody(0))
  })
})

describe('shipmentBody', () => {
  it('stays inside the API limits for any request number', () => {
    for (const n of [0, 1, 99, 12_345, 1_000_001]) {
      const body = shipmentBody(n)
      expect(Math.abs(body.receiver.lat)).toBeLessThanOrEqual(90)
      expect(Math.abs(body.receiver.lng)).toBeLessThanOrEqual(180)
      expect(body.package.weightKg).toBeGreaterThan(0)
      expect(body.package.weightKg).toBeLessThanOrEqual(1000)
    }
  })
})

describe('forwardedFor', () => {
  it('spreads requests over 256 documentation addresses', () => {
    expect(forwardedFor(0)).toBe('198.51.100.0')
    expect(forwardedFor(257)).toBe('198.51.100.1')
  })
})
