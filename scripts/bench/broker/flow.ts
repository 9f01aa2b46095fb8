import type autocannon from 'autocannon'
import { randomBytes } from 'node:crypto'
import { load, summarize, type Measurement } from '../measure'
import { binaryRequest } from './event'
import { sendAtRate } from './paced'
import {
  deliveredSoFar,
  resetSubscriber,
  subscriberStats,
  waitForDeliveries,
  type SubscriberStats,
} from './probes'
import type { BrokerStack } from './stack'
import { percentile, perSecond, wallClockMs } from './stats'

export interface FlowShape {
  connections: number
  warmupSeconds: number
  durationSeconds: number
  /** The fixed rate of the latency run, events a second. */
  offeredRate: number
  latencySeconds: number
  /** How long a backlog may take to reach the subscriber before the run counts it lost. */
  drainTimeoutMs: number
}

export interface Throughput {
  ingress: Measurement
  delivered: Measurement
  /** Events in Redis not yet delivered when the measured window closed. */
  backlogAtEnd: number
  /** How long after the window the last accepted event arrived. */
  drainMs: number
}

const INGRESS_PATH = '/broker/events'

/**
 * Events through the real ingress, Redis, dispatcher and subscriber with the ingress loaded
 * to its limit. Counted at the subscriber over the measured window only, after the warm-up's
 * backlog drained; the backlog the window leaves is drained and reported, not dropped.
 */
export async function measureThroughput(
  stack: BrokerStack,
  shape: FlowShape,
  signal: AbortSignal,
): Promise<Throughput> {
  const scenario = { origin: stack.ingressUrl, requests: [ingressRequest(stack.token)] }
  let accepted = await deliveredSoFar(stack.subscriberUrl)
  accepted += (await load(scenario, shape.connections, shape.warmupSeconds, signal))['2xx']
  await drain(stack, accepted, shape, signal)

  await resetSubscriber(stack.subscriberUrl)
  const started = performance.now()
  const result = await load(scenario, shape.connections, shape.durationSeconds, signal)
  const windowMs = performance.now() - started
  const window = await subscriberStats(stack.subscriberUrl)
  accepted += result['2xx']
  const drainStarted = performance.now()
  const missing = await drain(stack, accepted, shape, signal)
  return {
    ingress: summarize(result),
    delivered: deliveredIn(window, windowMs, summarize(result), missing),
    // Answers in flight when autocannon stops go uncounted, so this can dip below zero.
    backlogAtEnd: Math.max(0, accepted - window.total),
    drainMs: performance.now() - drainStarted,
  }
}

/** Ingress-to-subscriber latency at `offeredRate`, sent evenly (see sendAtRate). */
export async function measureLatency(
  stack: BrokerStack,
  shape: FlowShape,
  signal: AbortSignal,
): Promise<Measurement> {
  const total = await deliveredSoFar(stack.subscriberUrl)
  await resetSubscriber(stack.subscriberUrl)
  const run = randomBytes(4).toString('hex')
  const started = performance.now()
  const sent = await sendAtRate(
    {
      origin: stack.ingressUrl,
      rate: shape.offeredRate,
      seconds: shape.latencySeconds,
      build: (n) => ({
        path: INGRESS_PATH,
        ...binaryRequest({ id: `${run}-${n}`, n, token: stack.token, sentAt: wallClockMs() }),
      }),
    },
    signal,
  )
  const accepted = Object.entries(sent.statusCodes)
    .filter(([code]) => code.startsWith('2'))
    .reduce((sum, [, count]) => sum + count, 0)
  const missing = await drain(stack, total + accepted, shape, signal)
  const elapsedMs = performance.now() - started
  const answers = {
    requests: sent.sent,
    non2xx: sent.sent - accepted - sent.errors,
    errors: sent.errors,
    statusCodes: sent.statusCodes,
  }
  return deliveredIn(await subscriberStats(stack.subscriberUrl), elapsedMs, answers, missing)
}

/** The subscriber's window as a row: events delivered a second, their latency, failures. */
export function deliveredIn(
  window: SubscriberStats,
  windowMs: number,
  ingress: Pick<Measurement, 'non2xx' | 'errors' | 'statusCodes'>,
  undelivered: number,
): Measurement {
  return {
    requestsPerSecond: perSecond(window.count, windowMs),
    p50Ms: percentile(window.latenciesMs, 50),
    p99Ms: percentile(window.latenciesMs, 99),
    requests: window.count,
    non2xx: ingress.non2xx,
    errors: ingress.errors,
    timeouts: 0,
    statusCodes: ingress.statusCodes,
    undelivered,
  }
}

function drain(stack: BrokerStack, total: number, shape: FlowShape, signal: AbortSignal) {
  return waitForDeliveries(stack.subscriberUrl, total, shape.drainTimeoutMs, signal)
}

/** Binary-mode events with ids unique across runs, stamped as autocannon sends them. */
export function ingressRequest(token: string): autocannon.Request {
  const run = randomBytes(4).toString('hex')
  let n = 0
  return {
    method: 'POST',
    path: INGRESS_PATH,
    setupRequest: (request) => {
      const { headers, body } = binaryRequest({
        id: `${run}-${n}`,
        n: n++,
        token,
        sentAt: wallClockMs(),
      })
      return { ...request, headers, body }
    },
  }
}
