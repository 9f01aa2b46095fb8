import type autocannon from 'autocannon'
import { describe, expect, it } from 'vitest'
import { measure, summarize } from './measure'

const shape = { connections: 1, warmupSeconds: 1, durationSeconds: 1 }

describe('measure', () => {
  it('refuses to send load anywhere but 127.0.0.1', async () => {
    for (const origin of ['http://localhost:8080', 'http://10.0.0.7:8080']) {
      const scenario = { name: 'elsewhere', origin, requests: [{ path: '/' }] }
      await expect(measure(scenario, shape, new AbortController().signal)).rejects.toThrow(
        'only targets 127.0.0.1',
      )
    }
  })
})

describe('summarize', () => {
  it('keeps throughput, p50, p99, failures and the count per status', () => {
    const result = {
      requests: { average: 2897.25, total: 23176 },
      latency: { p50: 19, p99: 53 },
      non2xx: 2,
      errors: 1,
      timeouts: 0,
      statusCodeStats: { 200: { count: 23174 }, 429: { count: 2 } },
    } as unknown as autocannon.Result
    expect(summarize(result)).toEqual({
      requestsPerSecond: 2897.25,
      p50Ms: 19,
      p99Ms: 53,
      requests: 23176,
      non2xx: 2,
      errors: 1,
      timeouts: 0,
      statusCodes: { 200: 23174, 429: 2 },
    })
  })
})
