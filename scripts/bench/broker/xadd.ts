import type { BrokerTransport } from '@dropmate/events'
import type { Measurement } from '../measure'
import { percentile, perSecond } from './stats'

export interface AppendShape {
  /** Events per `append` call: one XADD each, in one MULTI, as the ingress appends a request. */
  batch: number
  warmupSeconds: number
  durationSeconds: number
}

// Unbounded, 50-event appends grow the stream by ~70,000 events (30 MB) a second here; the
// broker's own log is trimmed too (functions/broker/src/broker.ts).
const RESET_EVERY_EVENTS = 10_000

/**
 * How many events one client appends a second with `transport.append`, one call in flight
 * at a time: the broker's ceiling, since every event the ingress takes costs such a call.
 * Time counts only while a call is out; `reset` (emptying the stream) runs between calls.
 * p50 and p99 are per call.
 */
export async function measureAppends(
  transport: BrokerTransport,
  reset: () => Promise<unknown>,
  event: string,
  shape: AppendShape,
  signal: AbortSignal,
): Promise<Measurement> {
  const run = (seconds: number) => appendFor(transport, reset, event, shape.batch, seconds, signal)
  await run(shape.warmupSeconds)
  const { timedMs, latenciesMs } = await run(shape.durationSeconds)
  const events = latenciesMs.length * shape.batch
  return {
    requestsPerSecond: perSecond(events, timedMs),
    p50Ms: percentile(latenciesMs, 50),
    p99Ms: percentile(latenciesMs, 99),
    requests: events,
    non2xx: 0,
    errors: 0,
    timeouts: 0,
    statusCodes: {},
  }
}

async function appendFor(
  transport: BrokerTransport,
  reset: () => Promise<unknown>,
  event: string,
  batch: number,
  seconds: number,
  signal: AbortSignal,
) {
  const events = Array.from({ length: batch }, () => event)
  const latenciesMs: number[] = []
  let timedMs = 0
  let sinceReset = 0
  while (timedMs < seconds * 1000) {
    signal.throwIfAborted()
    const before = performance.now()
    await transport.append(events)
    const took = performance.now() - before
    timedMs += took
    latenciesMs.push(took)
    sinceReset += batch
    if (sinceReset >= RESET_EVERY_EVENTS) {
      await reset()
      sinceReset = 0
    }
  }
  return { timedMs, latenciesMs }
}
