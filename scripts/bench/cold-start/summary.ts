import type { Measured } from '../report'
import type { Target } from '../targets'

/** A process may take this much longer to answer than a bare Node HTTP server. */
export const OVER_BARE_MS = 40
/** Idle memory of one function pod; below it, a small node holds dozens of warm pods. */
export const MAX_IDLE_RSS_MB = 70

export interface ColdStartSamples {
  /** `node -e` with an HTTP server: what Node itself costs to start, on this machine now. */
  bare: number[]
  /** Milliseconds to the first 200 on /health, by function name. */
  functions: Record<string, number[]>
  /** Idle resident memory in bytes, by function name (and `bare`). */
  rssBytes: Record<string, number | undefined>
}

export interface ColdStartDetails {
  samples: number
  bareMedianMs: number
  rssMb: Record<string, number | undefined>
}

/** The value below which half the samples lie (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

/**
 * One row per process in the report's shape: the median start as p50, the slowest as p99
 * (ten samples have no finer tail), the bare server first, each function's target its
 * median under the bare median + 40 ms of the same run.
 */
export function coldStartRows(samples: ColdStartSamples): Measured[] {
  const bareMedian = median(samples.bare)
  const target: Target = { maxP50Ms: Math.round(bareMedian + OVER_BARE_MS) }
  const row = (name: string, starts: number[], rowTarget?: Target): Measured => ({
    name,
    target: rowTarget,
    measurement: {
      requestsPerSecond: 0,
      p50Ms: median(starts),
      p99Ms: Math.max(...starts),
      requests: starts.length,
      non2xx: 0,
      errors: 0,
      timeouts: 0,
      statusCodes: { 200: starts.length },
    },
  })
  return [
    row('cold start: bare node -e server (baseline)', samples.bare),
    ...Object.entries(samples.functions).map(([name, starts]) =>
      row(`cold start: ${name}`, starts, target),
    ),
  ]
}

export function coldStartDetails(samples: ColdStartSamples): ColdStartDetails {
  const rssMb = Object.fromEntries(
    Object.entries(samples.rssBytes).map(([name, bytes]) => [
      name,
      bytes === undefined ? undefined : Math.round(bytes / 2 ** 20),
    ]),
  )
  return { samples: samples.bare.length, bareMedianMs: median(samples.bare), rssMb }
}

/** The lines `npm run bench` prints under the table about cold starts and idle memory. */
export function coldStartNotes(details: ColdStartDetails): string {
  const rss = Object.entries(details.rssMb).filter(([name]) => name !== 'bare')
  const over = rss.filter(([, mb]) => mb === undefined || mb >= MAX_IDLE_RSS_MB)
  const values = rss.flatMap(([, mb]) => (mb === undefined ? [] : [mb]))
  return [
    `cold start: each function's bundle (dist/functions) spawned fresh with plain node and ` +
      `its compile cache, as its image runs it, ${details.samples} times, ` +
      `to its first 200 on /health; target the bare node -e server's median ` +
      `(${details.bareMedianMs.toFixed(0)} ms in this run) + ${OVER_BARE_MS} ms.`,
    `idle RSS after the first 200: bare ${details.rssMb.bare ?? '?'} MB; functions ` +
      `${Math.min(...values)}–${Math.max(...values)} MB (target < ${MAX_IDLE_RSS_MB} MB: ` +
      `${over.length === 0 ? 'met' : `not met by ${over.map(([name]) => name).join(', ')}`}).`,
  ].join('\n')
}
