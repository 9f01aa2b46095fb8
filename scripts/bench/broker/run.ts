import { createRedisTransport, encodeEvent } from '@dropmate/events'
import { type TriggerStats } from '@dropmate/broker'
import type { Cleanups } from '../cleanups'
import { LOCAL_REDIS_URL } from '../redis'
import type { Measured } from '../report'
import { BROKER_TARGET } from '../targets'
import { typicalEvent } from './event'
import { measureLatency, measureThroughput, type FlowShape } from './flow'
import { dispatcherStats } from './probes'
import { brokerRedis } from './redis-client'
import { startBrokerStack } from './stack'
import { measureAppends } from './xadd'

export interface BrokerShape extends FlowShape {
  dispatcherConcurrency: number
  appendWarmupSeconds: number
  appendSeconds: number
}

export interface BrokerDetails extends Omit<BrokerShape, 'drainTimeoutMs'> {
  /** Accepted but not yet delivered when the max-rate window closed, and how long it took. */
  backlogAtEnd: number
  drainMs: number
  /** The dispatcher's own counts: retries or dead letters would make the numbers suspect. */
  dispatcher: Record<string, TriggerStats>
}

/**
 * The broker's rows, baseline first: raw appends to Redis on one client, then the whole
 * broker (ingress, Redis, dispatcher, subscriber) at its limit and at a fixed rate.
 */
export async function benchBroker(
  cleanups: Cleanups,
  options: { databaseUrl: string; dataDir: string; shape: BrokerShape },
  log: (line: string) => void,
  signal: AbortSignal,
): Promise<{ measured: Measured[]; details: BrokerDetails }> {
  const { shape } = options
  const stack = await startBrokerStack(cleanups, {
    ...options,
    concurrency: shape.dispatcherConcurrency,
  })

  // A stream of its own under the broker's prefix: the dispatcher never sees these.
  const redis = brokerRedis(LOCAL_REDIS_URL, stack.redisPrefix)
  cleanups.defer('disconnect bench Redis client', () => redis.disconnect())
  const transport = createRedisTransport({ redis, stream: 'bench:appends' })
  const reset = () => redis.del('bench:appends')
  const event = encodeEvent(typicalEvent(1))
  const appends = (batch: number) => {
    const { appendWarmupSeconds: warmupSeconds, appendSeconds: durationSeconds } = shape
    log(`XADD, ${batch} a call: ${warmupSeconds} s warm-up, ${durationSeconds} s measured`)
    const appendShape = { batch, warmupSeconds, durationSeconds }
    return measureAppends(transport, reset, event, appendShape, signal)
  }
  const single = await appends(1)
  const batched = await appends(50)
  await reset()

  log(`broker at max rate: ${shape.warmupSeconds} s warm-up, ${shape.durationSeconds} s measured`)
  const throughput = await measureThroughput(stack, shape, signal)
  log(`broker at ${shape.offeredRate} events/s: ${shape.latencySeconds} s`)
  const latency = await measureLatency(stack, shape, signal)

  const { drainTimeoutMs: _, ...settings } = shape
  return {
    measured: [
      { name: 'Redis XADD, 1 event a call (broker base)', unit: 'events', measurement: single },
      { name: 'Redis XADD, 50 events a call', unit: 'events', measurement: batched },
      { name: 'broker ingress POST /broker/events', measurement: throughput.ingress },
      {
        name: 'broker end to end, ingress at max rate',
        unit: 'events',
        target: BROKER_TARGET,
        measurement: throughput.delivered,
      },
      {
        name: `broker end to end, ${shape.offeredRate} events/s offered`,
        unit: 'events',
        measurement: latency,
      },
    ],
    details: {
      ...settings,
      backlogAtEnd: throughput.backlogAtEnd,
      drainMs: Math.round(throughput.drainMs),
      dispatcher: await dispatcherStats(stack.dispatcherUrl),
    },
  }
}
