import { lateMs } from '../loop-delay'

/**
 * Where a server process's time went besides our code: garbage collection and a late event
 * loop, read from Node's process metrics on its own /metrics (prom-client's defaults, which
 * start with the first scrape). A pause holds up every position in flight in that process,
 * so it is the first thing to look at beside a percentile that missed.
 */

/** One scrape's figures: GC seconds since collection began, loop delay since the last scrape. */
export interface RuntimeReading {
  /** When the answer came (performance.now()): a loaded server answers a scrape late. */
  atMs: number
  gcSeconds: number
  loopP99Ms: number
  loopMaxMs: number
}

/** A process's pauses between two scrapes: its share of time in GC, how late its loop ran. */
export interface Pauses {
  gcShare: number
  /** prom-client's loop-delay histogram restarts at each scrape: these are the window's. */
  loopLateP99Ms: number
  loopLateMaxMs: number
}

// A server too busy to answer in this long is left out rather than holding the bench up.
export const SCRAPE_TIMEOUT_MS = 10_000

/** Reads the figures out of a Prometheus text exposition; absent ones read as 0. */
export function readRuntime(exposition: string, atMs: number): RuntimeReading {
  let gcSeconds = 0
  let lagP99 = 0
  let lagMax = 0
  for (const line of exposition.split('\n')) {
    const [name, value] = sample(line)
    if (name === undefined) continue
    // One sum per kind of collection (minor, major, incremental, weakcb).
    if (name.startsWith('nodejs_gc_duration_seconds_sum{')) gcSeconds += value
    else if (name === 'nodejs_eventloop_lag_p99_seconds') lagP99 = value
    else if (name === 'nodejs_eventloop_lag_max_seconds') lagMax = value
  }
  return { atMs, gcSeconds, loopP99Ms: lagP99 * 1000, loopMaxMs: lagMax * 1000 }
}

/** The time between two scrapes of one process. */
function pausesBetween(before: RuntimeReading, after: RuntimeReading): Pauses {
  const seconds = (after.atMs - before.atMs) / 1000
  return {
    gcShare: seconds > 0 ? (after.gcSeconds - before.gcSeconds) / seconds : 0,
    loopLateP99Ms: Math.round(lateMs(after.loopP99Ms)),
    loopLateMaxMs: Math.round(lateMs(after.loopMaxMs)),
  }
}

/**
 * Each process's reading, scraped from `${url}/metrics` (no token: the bench's processes
 * answer loopback scrapes); one that does not answer in time is left out.
 */
export async function scrapeRuntime(
  urls: Record<string, string>,
): Promise<Record<string, RuntimeReading>> {
  const read = await Promise.all(
    Object.entries(urls).map(async ([name, url]) => {
      try {
        const response = await fetch(`${url}/metrics`, {
          signal: AbortSignal.timeout(SCRAPE_TIMEOUT_MS),
        })
        if (!response.ok) return []
        const exposition = await response.text()
        return [[name, readRuntime(exposition, performance.now())] as const]
      } catch {
        return []
      }
    }),
  )
  return Object.fromEntries(read.flat())
}

/** The pauses of the processes read both times. */
export function pausesOf(
  before: Record<string, RuntimeReading>,
  after: Record<string, RuntimeReading>,
): Record<string, Pauses> {
  return Object.fromEntries(
    Object.entries(after).flatMap(([name, reading]) => {
      const start = before[name]
      return start ? [[name, pausesBetween(start, reading)]] : []
    }),
  )
}

/** A sample line's metric (with its labels) and value; comments and blanks give nothing. */
function sample(line: string): [string, number] | [undefined] {
  if (line === '' || line.startsWith('#')) return [undefined]
  const space = line.lastIndexOf(' ')
  const value = Number(line.slice(space + 1))
  return space > 0 && Number.isFinite(value) ? [line.slice(0, space), value] : [undefined]
}
