import { setTimeout as delay } from 'node:timers/promises'
import { Pool, type Dispatcher } from 'undici'
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
// More than any answer here: a longer one is cut off, dropping its connection, and counted
// as an error.
const ANSWER_LIMIT_BYTES = 1024 * 1024
// How often requests out are checked for being overdue: a tenth of a second late at most.
const SWEEP_MS = 100

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
  // undici's pool, not node:http's agent, and its dispatch with a handler rather than its
  // request, which makes a body stream, a promise and a timeout signal for each: the sender
  // shares the machine with what it measures. At 2,000 ping-sized POSTs a second on 1,024
  // connections to the hello-world server, three interleaved pairs: 233-262 µs of CPU a
  // request against 326-333 with request (node:http's agent: 173-184 to undici's 130-181
  // on a faster day).
  const pool = new Pool(options.origin, { connections: options.connections ?? 64 })
  const rampMs = (options.rampSeconds ?? 0) * 1000
  const total = dueBy(options.seconds * 1000, options.rate, Infinity, rampMs)
  const result: PacedResult = { sent: 0, statusCodes: {}, errors: 0, latenciesMs: [] }
  const answers: Promise<void>[] = []
  const unanswered = new Set<Answer>()

  const timeoutMs = options.timeoutMs ?? REQUEST_TIMEOUT_MS
  const post = (n: number) => {
    const { path, headers, body } = options.build(n)
    const answer = new Answer(performance.now(), timeoutMs)
    unanswered.add(answer)
    pool.dispatch({ path, method: 'POST', headers, body }, answer)
    return answer.settled.then((code) => {
      unanswered.delete(answer)
      if (code === undefined) return void result.errors++
      result.statusCodes[code] = (result.statusCodes[code] ?? 0) + 1
      if (n >= (options.timedFrom ?? 0)) result.latenciesMs.push(answer.tookMs)
    })
  }
  // One sweep for every request out, not a timer each.
  const sweep = setInterval(() => {
    const now = performance.now()
    for (const answer of unanswered) answer.giveUpIfOverdue(now)
  }, SWEEP_MS)

  try {
    const started = performance.now()
    while (result.sent < total) {
      const due = dueBy(performance.now() - started, options.rate, total, rampMs)
      while (result.sent < due) answers.push(post(result.sent++))
      await delay(1, undefined, { signal })
    }
    await Promise.all(answers)
  } finally {
    clearInterval(sweep)
    await pool.destroy()
  }
  return result
}

/**
 * One request's answer, as undici's dispatch reports it: settles with its status code once
 * read to its end, or with undefined when refused, cut off mid-answer, longer than
 * ANSWER_LIMIT_BYTES or overdue. Overdue counts from when it was due, not from when a
 * connection freed up: a request queued in the pool behind a server that fell behind is
 * overdue all the same, and the run must end.
 */
class Answer implements Dispatcher.DispatchHandler {
  readonly settled: Promise<string | undefined>
  tookMs = 0
  private settle!: (code: string | undefined) => void
  private controller: Dispatcher.DispatchController | undefined
  private overdue = false
  private statusCode = 0
  private bytes = 0

  constructor(
    private readonly leftAt: number,
    private readonly timeoutMs: number,
  ) {
    this.settled = new Promise((resolve) => (this.settle = resolve))
  }

  giveUpIfOverdue(now: number): void {
    if (this.overdue || now - this.leftAt < this.timeoutMs) return
    this.overdue = true
    this.settle(undefined)
    this.controller?.abort(new Error('overdue'))
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    // Given up while it waited for a connection: it is not sent at all.
    if (this.overdue) return controller.abort(new Error('overdue'))
    this.controller = controller
  }

  onResponseStart(_: Dispatcher.DispatchController, statusCode: number): void {
    this.statusCode = statusCode
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    this.bytes += chunk.length
    if (this.bytes > ANSWER_LIMIT_BYTES) controller.abort(new Error('answer too long'))
  }

  onResponseEnd(): void {
    this.tookMs = performance.now() - this.leftAt
    this.settle(String(this.statusCode))
  }

  onResponseError(): void {
    this.settle(undefined)
  }
}
