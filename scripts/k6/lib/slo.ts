import type { Threshold } from 'k6/options'

export interface Slo {
  /** 95 in 100 requests answer within this many milliseconds. */
  p95: number
  /** 99 in 100 within this many. */
  p99: number
  /** Share of requests that may fail (a network error, or a status the script did not expect). */
  errorRate?: number
}

// One in a hundred: a user retrying now and then, never a broken endpoint.
const ERROR_RATE = 0.01

/**
 * An endpoint's service level as k6 thresholds on the requests tagged with it: the error rate
 * and the 95th and 99th percentile durations. A run that misses one exits with code 99.
 *
 * @example
 * export const options = { thresholds: { ...endpointSlo('track', { p95: 250, p99: 600 }) } }
 */
export function endpointSlo(endpoint: string, slo: Slo): Record<string, Threshold[]> {
  return {
    [`http_req_failed{endpoint:${endpoint}}`]: [`rate<${slo.errorRate ?? ERROR_RATE}`],
    [`http_req_duration{endpoint:${endpoint}}`]: [`p(95)<${slo.p95}`, `p(99)<${slo.p99}`],
  }
}

/** Every check the script makes holds, but for the odd one in a hundred. */
export const CHECKS_HOLD = { checks: [`rate>${1 - ERROR_RATE}`] }
