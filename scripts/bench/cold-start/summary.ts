import type { Measured } from '../report'
import type { Target } from '../targets'

/** A process may take this much longer to answer than a bare Node HTTP server. */
export const OVER_BARE_MS = 40
/** Idle memory of one function pod; below it, a small node holds dozens of warm pods. */
export const MAX_IDLE_RSS_MB = 70

export interface ColdStartSamples {
  /** `node -e` with an HTTP server: what Node itself costs to start, on this machine now. */
  bare: number[]
  /**
   * The same with Node's web Request, Response and Headers loaded, as Hono on Node needs
   * them: the floor of any function here (information, no target).
   */
  bareWeb: number[]
  /** Milliseconds to the first 200 on /health, by function name. */
  functions: Record<string, number[]>
  /** Milliseconds to the 200 of the /ready asked right after: a first query on a cold pool. */
  firstQuery: Record<string, number[]>
  /** Idle resident memory in bytes, by function name (and `bare`). */
  rssBytes: Record<string, number | undefined>
}

export interface ColdStartDetails {
  samples: number
  bareMedianMs: number
  bareWebMedianMs: number
  /** Median milliseconds from spawn to the first query's answer, by function. */
  firstQueryMs: Record<string, number>
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
 * (ten samples have no finer tail), its idle RSS, the bare server first. Each function's
 * target: its median under the bare median + 40 ms of the same run, its RSS under 70 MB.
 */
export function coldStartRows(samples: ColdStartSamples): Measured[] {
  const bareMedian = median(samples.bare)
  const target: Target = {
    maxP50Ms: Math.round(bareMedian + OVER_BARE_MS),
    maxRssMb: MAX_IDLE_RSS_MB,
  }
  const row = (name: string, starts: number[], rss?: number, rowTarget?: Target): Measured => ({
    name: `cold start: ${name}`,
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
      ...(rss !== undefined && { rssMb: rss / 2 ** 20 }),
    },
  })
  return [
    row('bare node -e server (baseline)', samples.bare, samples.rssBytes.bare),
    row('bare server with web Request/Response', samples.bareWeb, samples.rssBytes.bareWeb),
    ...Object.entries(samples.functions).map(([name, starts]) =>
      row(name, starts, samples.rssBytes[name], target),
    ),
  ]
}

export function coldStartDetails(samples: ColdStartSamples): ColdStartDetails {
  const firstQueryMs = Object.fromEntries(
    Object.entries(samples.firstQuery).map(([name, times]) => [name, median(times)]),
  )
  return {
    samples: samples.bare.length,
    bareMedianMs: median(samples.bare),
    bareWebMedianMs: median(samples.bareWeb),
    firstQueryMs,
  }
}

/** The lines `npm run bench` prints under the table about cold starts. */
export function coldStartNotes(details: ColdStartDetails): string {
  const queries = Object.entries(details.firstQueryMs).sort(([, a], [, b]) => a - b)
  const [slowest, slowestMs] = queries.at(-1) ?? ['none', Number.NaN]
  return [
    `cold start: each function's bundle (dist/functions) spawned fresh with plain node and ` +
      `its compile cache, as its image runs it, ${details.samples} times, to its first 200 ` +
      `on /health; targets: the bare node -e server's median ` +
      `(${details.bareMedianMs.toFixed(0)} ms in this run) + ${OVER_BARE_MS} ms, and ` +
      `under ${MAX_IDLE_RSS_MB} MB resident 500 ms after that 200.`,
    `web globals (information, no target): the bare server with Node's web Request, ` +
      `Response and Headers loaded, which Hono on Node cannot start without, answers a ` +
      `median ${details.bareWebMedianMs.toFixed(0)} ms after spawn, ` +
      `${(details.bareWebMedianMs - details.bareMedianMs).toFixed(0)} ms after the bare ` +
      `server, against the ${OVER_BARE_MS} ms a function may take over it.`,
    `first query (information, no target): GET /ready right after, its first queries on a ` +
      `cold pool, answers a median ${median(queries.map(([, ms]) => ms)).toFixed(0)} ms ` +
      `after spawn over the functions (slowest ${slowest}, ${slowestMs.toFixed(0)} ms).`,
  ].join('\n')
}
