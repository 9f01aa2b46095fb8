import { describe, expect, it } from 'vitest'
import { emptyReport, type Exchange } from './report'
import { requestProblems, type OpenApi } from './request-problems'

const API: OpenApi = {
  paths: {
    '/api/shipments/track/{trackingNumber}': { get: {} },
    '/api/shipments/{id}/assign': { post: { security: [{ bearerAuth: [] }] } },
  },
}

const assign: Exchange = {
  method: 'POST',
  url: 'http://127.0.0.1:8080/api/shipments/5b0f2c4e-4f6a-4a53-9d1e-0c1d2e3f4a5b/assign',
  headers: { authorization: 'Bearer eyJ.token', 'content-type': 'application/json' },
  body: '{"driverId":"7d3c2b1a-0f9e-4d8c-b7a6-594837261504"}',
  status: 200,
  tags: { endpoint: 'assign', name: '/api/shipments/{id}/assign' },
}

const judge = (...exchanges: Exchange[]) => requestProblems({ ...emptyReport(), exchanges }, API)

describe('requestProblems', () => {
  it('accepts a signed-in call of a documented route that succeeded', () => {
    expect(judge(assign)).toEqual([])
  })

  it('names a route the API does not document, and a request without an endpoint tag', () => {
    expect(judge({ ...assign, tags: { name: '/api/shipments/{id}/assign-driver' } })).toEqual([
      `POST /api/shipments/5b0f2c4e-4f6a-4a53-9d1e-0c1d2e3f4a5b/assign: no endpoint tag`,
      `POST /api/shipments/5b0f2c4e-4f6a-4a53-9d1e-0c1d2e3f4a5b/assign: its name tag ` +
        `"/api/shipments/{id}/assign-driver" is no route the API documents`,
    ])
  })

  it('names a method the route lacks, a path off its route, a missing token', () => {
    const at = '/api/shipments/5b0f2c4e-4f6a-4a53-9d1e-0c1d2e3f4a5b/assign'
    expect(judge({ ...assign, method: 'DELETE' })).toEqual([
      `DELETE ${at}: /api/shipments/{id}/assign takes no DELETE`,
    ])
    const track = { endpoint: 'track', name: '/api/shipments/track/{trackingNumber}' }
    expect(judge({ ...assign, method: 'GET', tags: track })).toEqual([
      `GET ${at}: not a path of ${track.name}`,
    ])
    expect(judge({ ...assign, headers: { 'content-type': 'application/json' } })).toEqual([
      `POST ${at}: no bearer token, which the route needs`,
    ])
  })

  it('names a body without a content type, a JSON body that is not JSON, and a refusal', () => {
    const at = 'POST /api/shipments/5b0f2c4e-4f6a-4a53-9d1e-0c1d2e3f4a5b/assign'
    expect(judge({ ...assign, headers: { authorization: 'Bearer t' } })).toEqual([
      `${at}: a body without a content type`,
    ])
    expect(judge({ ...assign, body: 'driverId=7', status: 400 })).toEqual([
      `${at}: a application/json body that is not JSON`,
      `${at}: answered 400`,
    ])
  })
})
