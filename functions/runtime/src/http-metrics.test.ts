import { Counter, Histogram, Registry } from 'prom-client'
import { describe, expect, it } from 'vitest'
import { routeFigures } from './http-metrics'
import { metrics } from './metrics'

const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

/** A scrape's sample lines of the HTTP series, labels in one order: Prometheus reads no order. */
function samples(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => line.startsWith('dropmate_http_'))
    .map((line) => {
      const [, name, labels = '', value] = /^(\w+)(?:\{(.*)\})? (\S+)$/.exec(line)!
      return `${name}{${labels
        .split(/,(?=\w+=)/)
        .sort()
        .join(',')}} ${value}`
    })
    .sort()
}

describe('HTTP request series', () => {
  it('scrape as prom-client itself would write the same requests', async () => {
    const route = `/test/${Math.random().toString(36).slice(2)}`
    const answered: [number, number][] = [
      [200, 0.0004],
      [200, 0.005], // on a bound: counted in it (le is "at most")
      [200, 0.0051],
      [404, 0.3],
      [500, 12], // past every bound: only in +Inf
    ]
    // Two apps of one process that count the same route share its figures.
    const figures = routeFigures({ function: 'track-shipment', method: 'GET', route })
    expect(routeFigures({ function: 'track-shipment', method: 'GET', route })).toBe(figures)
    for (const [status, seconds] of answered) figures.record(status, seconds)

    const reference = new Registry()
    const requests = new Counter({
      name: 'dropmate_http_requests_total',
      help: 'HTTP requests answered, by function, route and status',
      labelNames: ['function', 'method', 'route', 'status'],
      registers: [reference],
    })
    const durations = new Histogram({
      name: 'dropmate_http_request_duration_seconds',
      help: 'Time from request to response headers, by function and route',
      labelNames: ['function', 'method', 'route'],
      buckets: BUCKETS,
      registers: [reference],
    })
    const labels = { function: 'track-shipment', method: 'GET', route }
    for (const [status, seconds] of answered) {
      requests.inc({ ...labels, status: String(status) })
      durations.observe(labels, seconds)
    }

    const ours = samples(await metrics.metrics()).filter((line) => line.includes(route))
    expect(ours).toEqual(samples(await reference.metrics()))
    expect(ours).toContain(
      `dropmate_http_request_duration_seconds_bucket{function="track-shipment",le="0.005",method="GET",route="${route}"} 2`,
    )
  })

  it('leave out a route nothing answered, and keep its HELP and TYPE', async () => {
    const route = `/test/${Math.random().toString(36).slice(2)}`
    routeFigures({ function: 'me', method: 'GET', route })
    const text = await metrics.metrics()
    expect(text).not.toContain(route)
    expect(text).toMatch(/^# TYPE dropmate_http_requests_total counter$/m)
    expect(text).toMatch(/^# TYPE dropmate_http_request_duration_seconds histogram$/m)
  })
})
