import { describe, expect, it } from 'vitest'
import type { Sample } from './k6-output'
import { requestProblems, type OpenApi } from './request-problems'

const API: OpenApi = {
  paths: {
    '/api/shipments/track/{trackingNumber}': { get: {} },
    '/api/shipments/{id}/assign': { post: {} },
  },
}

// A request k6 reports: with a `name` tag it reports the name as the `url` too.
const request = (tags: Record<string, string>): Sample => ({
  metric: 'http_reqs',
  type: 'counter',
  value: 1,
  tags: { method: 'POST', status: '200', url: tags.name ?? '', ...tags },
})

const assign = { endpoint: 'assign', name: '/api/shipments/{id}/assign' }

describe('requestProblems', () => {
  it('accepts a call of a documented route that succeeded', () => {
    expect(requestProblems([request(assign)], API)).toEqual([])
  })

  it('names a route the API does not document, and a request without an endpoint tag', () => {
    const renamed = request({ name: '/api/shipments/{id}/assign-driver' })
    expect(requestProblems([renamed], API)).toEqual([
      'POST /api/shipments/{id}/assign-driver: no endpoint tag',
      'POST /api/shipments/{id}/assign-driver: its name tag ' +
        '"/api/shipments/{id}/assign-driver" is no route the API documents',
    ])
  })

  it('names a method the route lacks and a refusal, once however often they happened', () => {
    const refused = request({ ...assign, method: 'DELETE', status: '405' })
    expect(requestProblems([refused, refused], API)).toEqual([
      'DELETE /api/shipments/{id}/assign: /api/shipments/{id}/assign takes no DELETE',
      'DELETE /api/shipments/{id}/assign: answered 405',
    ])
  })

  it('names a request that got no answer, which k6 reports as status 0', () => {
    expect(requestProblems([request({ ...assign, status: '0' })], API)).toEqual([
      'POST /api/shipments/{id}/assign: answered 0',
    ])
  })

  it('names a check that failed', () => {
    const check = (value: number): Sample => ({
      metric: 'checks',
      type: 'rate',
      value,
      tags: { check: 'shipment assigned' },
    })
    expect(requestProblems([check(1), check(0)], API)).toEqual(['check "shipment assigned" failed'])
  })
})
