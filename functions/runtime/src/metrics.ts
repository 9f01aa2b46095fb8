import { Hono } from 'hono'
import { collectDefaultMetrics, Registry } from 'prom-client'
import { tokenOrLoopback } from './access'
import { HTTP_METRICS } from './http-metrics'

// Packages declare their series with these, registered in `metrics`: one prom-client for all.
export { Counter, Gauge, Histogram } from 'prom-client'

/**
 * The process's one Prometheus registry. Packages add their own series to it (pings,
 * broker lag, sockets); `metricsApp` serves it. Series are named `dropmate_*`, with
 * Node's own (`process_*`, `nodejs_*`) beside them.
 */
export const metrics = new Registry()
for (const series of HTTP_METRICS) metrics.registerMetric(series)

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
