import { setTimeout as delay } from 'node:timers/promises'
import { Pool } from 'undici'
import { loopbackOnly } from '../measure'
import { dueBy } from './stats'

export interface PacedRequest {
  path: string
  headers: Record<string, string>
  body: string
}

export interface PacedResult {
  sent: number
  statusCodes: Record<string, number>
  errors: number
  /** How long each answered request (from `timedFrom` on) took, from leaving to its answer's end. */
  latenciesMs: number[]
}

const REQUEST_TIMEOUT_MS = 10_000
// More than any answer here: a longer one is cut off, which drops its connection.
const ANSWER_LIMIT_BYTES = 1024 * 1024

/**
 * The connections a fleet's pings arrive on. Phones reach the API through a proxy (a load
 * balancer, Kourier's Envoy, Knative's queue-proxy) that pools its connections upstream,
 * 1,024 by Envoy's default. With 64, a ping waited here for a free one whenever answers took
 * longer than 64 / rate (32 ms at 2,000 pings/s: an answer waits for the history's write),
 * and that wait was counted as the server's. One per phone (10,000) was not a proxy's either:
 * whenever answers slowed, thousands of new connections overflowed the server's accept queue.
 */
export const PHONE_CONNECTIONS = 1_024

/**
 * POSTs `rate` requests a second for `seconds`, evenly spaced, whether or not earlier ones
 * were answered (an open loop). Not autocannon's `overallRate`: that sends each second's
 * quota as fast as the server answers, then idles until the next second, so a fixed-rate
 * run would measure a burst's queue. `build(n)` runs as request n leaves, so a time it
 * stamps is the send time.
 */
export async function sendAtRate(
  options: {
    origin: string
    rate: number
    seconds: number
    build: (n: number) => PacedRequest
    /** How long after it is due a request may go unanswered (10 s by default). */
    timeoutMs?: number
    /** The first request whose latency counts: those before warm the server up. */
    timedFrom?: number
    /**
     * The most connections open at once: 64 by default, a pool of services, where a request
     * waits in the client for a free one. Phones send with PHONE_CONNECTIONS.
     */
    connections?: number
    /**
     * Seconds over which the rate climbs from nothing, within `seconds`: a fleet's phones come
     * on one by one, and a server started cold is not handed the full rate before its code is
     * compiled.
     */
    rampSeconds?: number
  },
  signal: AbortSignal,
): Promise<PacedResult> {
  loopbackOnly(options.origin)
  // undici's pool, not node:http's agent: the sender shares the machine with what it
  // measures, and at 2,000 pings/s undici took 130-181 µs of CPU a request against 173-184.
  const pool = new Pool(options.origin, { connections: options.connections ?? 64 })
  const rampMs = (options.rampSeconds ?? 0) * 1000
  const total = dueBy(options.seconds * 1000, options.rate, Infinity, rampMs)
  const result: PacedResult = { sent: 0, statusCodes: {}, errors: 0, latenciesMs: [] }
  const answers: Promise<void>[] = []

  const timeoutMs = options.timeoutMs ?? REQUEST_TIMEOUT_MS
  const post = async (n: number) => {
    const { path, headers, body } = options.build(n)
    const left = performance.now()
    try {
      // From when it is due, not from when a connection frees up: a request queued in the
      // pool behind a server that fell behind is overdue all the same, and the run must end.
      const signal = AbortSignal.timeout(timeoutMs)
      const answer = await pool.request({ path, method: 'POST', headers, body, signal })
      // Read to its end, which the request's signal still bounds.
      await answer.body.dump({ limit: ANSWER_LIMIT_BYTES })
      const code = String(answer.statusCode)
      result.statusCodes[code] = (result.statusCodes[code] ?? 0) + 1
      if (n >= (options.timedFrom ?? 0)) result.latenciesMs.push(performance.now() - left)
    } catch {
      // Refused, cut off mid-answer or overdue.
      result.errors++
    }
  }

  try {
    const started = performance.now()
    while (result.sent < total) {
      const due = dueBy(performance.now() - started, options.rate, total, rampMs)
      while (result.sent < due) answers.push(post(result.sent++))
      await delay(1, undefined, { signal })
    }
    await Promise.all(answers)
  } finally {
    await pool.destroy()
  }
  return result
}
