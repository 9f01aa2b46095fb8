import { describe, expect, it } from 'vitest'
import { readSamples } from './k6-output'

// Lines as k6 1.x writes them with --out json (trimmed of the fields nothing reads).
const OUTPUT = [
  '{"type":"Metric","data":{"name":"http_reqs","type":"counter","contains":"default"},"metric":"http_reqs"}',
  '{"metric":"http_reqs","type":"Point","data":{"time":"2026-12-05T07:38:53Z","value":1,"tags":{"endpoint":"login","method":"POST","name":"/api/auth/login","status":"200"}}}',
  '{"type":"Metric","data":{"name":"ping_to_screen","type":"trend","contains":"time"},"metric":"ping_to_screen"}',
  '{"metric":"ping_to_screen","type":"Point","data":{"time":"2026-12-05T07:38:54Z","value":8,"tags":null}}',
  '',
].join('\n')

describe('readSamples', () => {
  it('reads each point with its metric type and tags', () => {
    expect(readSamples(OUTPUT)).toEqual([
      {
        metric: 'http_reqs',
        type: 'counter',
        value: 1,
        tags: { endpoint: 'login', method: 'POST', name: '/api/auth/login', status: '200' },
      },
      { metric: 'ping_to_screen', type: 'trend', value: 8, tags: {} },
    ])
  })

  it('refuses a point whose metric was never declared', () => {
    const point = OUTPUT.split('\n')[1]!
    expect(() => readSamples(point)).toThrow(/before its declaration/)
  })
})
