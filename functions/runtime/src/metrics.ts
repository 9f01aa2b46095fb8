import { Hono } from 'hono'
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client'
import { tokenOrLoopback } from './access'

// Packages declare their series with these, registered in `metrics`: one prom-client for all.
export { Counter, Gauge, Histogram } from 'prom-client'

/**
 * The process's one Prometheus registry. Packages add their own series to it (pings,
 * broker lag, sockets); `metricsApp` serves it. Series are named `dropmate_*`, with
 * Node's own (`process_*`, `nodejs_*`) beside them.
 */
export const metrics = new Registry()

export const httpRequests = new Counter({
  name: 'dropmate_http_requests_total',
  help: 'HTTP requests answered, by function, route and status',
  labelNames: ['function', 'method', 'route', 'status'] as const,
  registers: [metrics],
})

export const httpDuration = new Histogram({
  name: 'dropmate_http_request_duration_seconds',
  help: 'Time from request to response headers, by function and route',
  labelNames: ['function', 'method', 'route'] as const,
  // From a cached lookup (about 1 ms) to a slow transaction under load.
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [metrics],
})

let collectingProcessMetrics = false

/**
 * `GET /metrics` in Prometheus's text format, for METRICS_TOKEN holders (Prometheus in the
 * cluster) or, without one, for this machine only. Node's process metrics (CPU, memory,
 * event-loop lag, GC) join the registry with the first scrape: their observers and timers
 * (about 7 ms of CPU at start, measured on Node 24) are no part of a cold start, and a pod
 * nobody scrapes never runs them.
 *
 * @example
 * createShell(deps, [metricsApp({ token: config.METRICS_TOKEN }), ...apps])
 */
export function metricsApp({ token }: { token: string | undefined }) {
  const access = tokenOrLoopback({ token, variable: 'METRICS_TOKEN', realm: 'metrics' })
  return new Hono().get('/metrics', access, async (c) => {
    if (!collectingProcessMetrics) {
      collectDefaultMetrics({ register: metrics })
      collectingProcessMetrics = true
    }
    return c.body(await metrics.metrics(), 200, { 'content-type': metrics.contentType })
  })
}
