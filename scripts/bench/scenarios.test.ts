import type autocannon from 'autocannon'
import { describe, expect, it } from 'vitest'
import { benchScenarios, forwardedFor, shipmentBody } from './scenarios'

const targets = {
  baselineOrigin: 'http://127.0.0.1:1',
  apiOrigin: 'http://127.0.0.1:2',
  ingestOrigin: 'http://127.0.0.1:3',
  token: 'a-token',
  trackingNumbers: ['DM-AAAA', 'DM-BBBB'],
  drivers: [
    { driverId: 'driver-a', token: 'token-a' },
    { driverId: 'driver-b', token: 'token-b' },
  ],
}

function next(request: autocannon.Request): autocannon.Request {
  const setup = request.setupRequest as (
    request: autocannon.Request,
    context: object,
  ) => autocannon.Request
  return setup({ ...request, headers: {} }, {})
}

describe('benchScenarios', () => {
  it('puts the baseline first and targets on tracking and pings only', () => {
    const scenarios = benchScenarios(targets)
    expect(scenarios[0]!.origin).toBe(targets.baselineOrigin)
    expect(scenarios.filter((scenario) => scenario.target).map((s) => s.name)).toEqual([
      'GET /api/shipments/track/:number',
      'POST /api/locations (a ping)',
    ])
    expect(scenarios.at(-2)!.origin).toBe(targets.ingestOrigin)
    // The ping's ceiling: the same requests, answered by the baseline.
    expect(scenarios.at(-1)!.origin).toBe(targets.baselineOrigin)
  })

  it('sends each ping as its driver, about that driver, with an id of its own', () => {
    const ping = benchScenarios(targets).at(-2)!.requests[0]!
    const [first, second, third] = [next(ping), next(ping), next(ping)]
    expect(first.headers).toMatchObject({
      authorization: 'Bearer token-a',
      'ce-subject': 'driver-a',
      'ce-type': 'com.dropmate.driver.location.v1',
    })
    expect(second.headers?.['ce-subject']).toBe('driver-b')
    expect(third.headers?.['ce-subject']).toBe('driver-a')
    expect(first.headers?.['ce-id']).not.toBe(third.headers?.['ce-id'])
    const data = JSON.parse(String(first.body))
    expect(Math.abs(data.lat)).toBeLessThanOrEqual(85)
    expect(data.headingDeg).toBeLessThan(360)
  })

  it('cycles over the seeded tracking numbers from changing client addresses', () => {
    const lookups = benchScenarios(targets)[1]!.requests
    expect(lookups.slice(0, 3).map((request) => request.path)).toEqual([
      '/api/shipments/track/DM-AAAA',
      '/api/shipments/track/DM-BBBB',
      '/api/shipments/track/DM-AAAA',
    ])
    expect(lookups[3]!.headers?.['x-forwarded-for']).toBe('198.51.100.3')
    expect(new Set(lookups.map((request) => request.headers?.['x-forwarded-for'])).size).toBe(256)
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
