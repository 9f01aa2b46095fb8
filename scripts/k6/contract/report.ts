/** What a contract run of one k6 script records, for the test to judge. */

export type MetricType = 'counter' | 'gauge' | 'rate' | 'trend'

/** One metric sample, as k6 would emit it: name, type, value and tags. */
export interface Sample {
  metric: string
  type: MetricType
  value: number
  tags: Record<string, string>
}

/** One HTTP request the script made, and what came back. */
export interface Exchange {
  method: string
  url: string
  /** Request headers as sent, names lower-cased. */
  headers: Record<string, string>
  body: string | null
  /** 0 when no response came (k6 reports network errors so). */
  status: number
  /** The request's own tags (`params.tags`). */
  tags: Record<string, string>
}

export interface CheckResult {
  name: string
  ok: boolean
}

export interface Report {
  /** `options` as the script exports it, JSON-clean. */
  options: {
    scenarios?: Record<string, Record<string, unknown>>
    thresholds?: Record<string, unknown[]>
  }
  /** The names of the functions the script exports. */
  functions: string[]
  samples: Sample[]
  exchanges: Exchange[]
  checks: CheckResult[]
  /** Text frames received over WebSockets. */
  frames: string[]
  /** Exceptions that ended setup, an iteration or teardown, or escaped a callback. */
  errors: string[]
}

/** A report with nothing in it yet. */
export function emptyReport(): Report {
  return {
    options: {},
    functions: [],
    samples: [],
    exchanges: [],
    checks: [],
    frames: [],
    errors: [],
  }
}
