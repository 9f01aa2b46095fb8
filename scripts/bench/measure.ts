import autocannon from 'autocannon'
import type { Scenario } from './scenarios'

export interface LoadShape {
  connections: number
  /** Run first and thrown away: JIT, connection pools and caches settle. */
  warmupSeconds: number
  durationSeconds: number
}

export interface Measurement {
  requestsPerSecond: number
  p50Ms: number
  p99Ms: number
  requests: number
  non2xx: number
  errors: number
  timeouts: number
  /** Count per HTTP status, to tell a 401 from a 429 when non2xx is not zero. */
  statusCodes: Record<string, number>
  /** Broker rows: events accepted by the ingress that never reached the subscriber. */
  undelivered?: number
  /** Cold-start rows: the process's resident memory, idling after its first 200, in MiB. */
  rssMb?: number
}

/** Warms up, then measures one scenario; `signal` stops the load at once (Ctrl-C). */
export async function measure(
  scenario: Scenario,
  shape: LoadShape,
  signal: AbortSignal,
): Promise<Measurement> {
  loopbackOnly(scenario.origin)
  await load(scenario, shape.connections, shape.warmupSeconds, signal)
  return summarize(await load(scenario, shape.connections, shape.durationSeconds, signal))
}

export function loopbackOnly(origin: string): void {
  if (new URL(origin).hostname !== '127.0.0.1') {
    throw new Error(`refusing to load ${origin}: the bench only targets 127.0.0.1`)
  }
}

/**
 * One autocannon run of `seconds` at as many requests as `connections` get answered. `raw`
 * runs are kept to be merged by autocannon's aggregateResult: their latencies are histograms.
 */
export function load(
  scenario: Pick<Scenario, 'origin' | 'requests'>,
  connections: number,
  seconds: number,
  signal: AbortSignal,
  { raw = false } = {},
): Promise<autocannon.Result> {
  signal.throwIfAborted()
  return new Promise((resolve, reject) => {
    const options = {
      url: scenario.origin,
      connections,
      duration: seconds,
      skipAggregateResult: raw,
    }
    const instance = autocannon({ ...options, requests: scenario.requests }, (error, result) => {
      signal.removeEventListener('abort', stop)
      if (signal.aborted) reject(signal.reason)
      else if (error) reject(error)
      else resolve(result)
    })
    const stop = () => instance.stop()
    signal.addEventListener('abort', stop, { once: true })
  })
}

/** The numbers the report keeps from autocannon's result. */
export function summarize(result: autocannon.Result): Measurement {
  const statusCodes = Object.fromEntries(
    Object.entries(result.statusCodeStats ?? {}).map(([code, stats]) => [code, stats.count ?? 0]),
  )
  return {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes,
  }
}
