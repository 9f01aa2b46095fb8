import type autocannon from 'autocannon'
import { describe, expect, it } from 'vitest'
import { deliveredIn, ingressRequest } from './flow'

const ingress = { non2xx: 0, errors: 0, statusCodes: { 202: 100 } }

describe('deliveredIn', () => {
  it('counts the events the subscriber had in the window, a second, with their latency', () => {
    const window = { total: 900, count: 40_000, latenciesMs: [3, 1, 2, 50] }
    expect(deliveredIn(window, 8_000, ingress, 0)).toEqual({
      requestsPerSecond: 5_000,
      p50Ms: 2,
      p99Ms: 50,
      requests: 40_000,
      non2xx: 0,
      errors: 0,
      timeouts: 0,
      statusCodes: { 202: 100 },
      undelivered: 0,
    })
  })

  it("carries the ingress's failures and the events that never arrived", () => {
    const window = { total: 10, count: 10, latenciesMs: [] }
    const failing = { non2xx: 3, errors: 1, statusCodes: { 202: 10, 503: 3 } }
    expect(deliveredIn(window, 1_000, failing, 7)).toMatchObject({
      non2xx: 3,
      errors: 1,
      undelivered: 7,
    })
  })
})

describe('ingressRequest', () => {
  it('sends binary-mode events with ids that never repeat, stamped as they leave', () => {
    const request = ingressRequest('a-token')
    const setup = request.setupRequest as (request: autocannon.Request) => autocannon.Request
    const before = Date.now()
    const [first, second] = [setup({}), setup({})]
    expect(first.headers?.['ce-id']).not.toBe(second.headers?.['ce-id'])
    expect(Number(first.headers?.['ce-benchsent'])).toBeGreaterThanOrEqual(before - 1)
    expect(first.headers?.authorization).toBe('Bearer a-token')
    expect(request.method).toBe('POST')
    expect(request.path).toBe('/broker/events')
  })
})
