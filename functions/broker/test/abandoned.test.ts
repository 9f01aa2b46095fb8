import { createTestRedis } from '@dropmate/db/testing'
import { CloudEvent } from 'cloudevents'
import { afterEach, describe, expect, it } from 'vitest'
import { encodeEvent } from '@dropmate/events'
import { startDispatcher, type DispatcherOptions } from '../src/dispatcher'
import { createMemoryTransport } from '@dropmate/events'
import { createRedisTransport } from '@dropmate/events'
import type { BrokerTransport } from '@dropmate/events'
import { startDispatcherProcess } from './dispatcher-process'
import { startSubscriber } from './subscriber'
import { trigger } from './trigger'

const url = process.env.REDIS_URL

const event = () =>
  new CloudEvent({ type: 'com.dropmate.shipment.created.v1', source: '/functions/test', data: {} })

const cleanups: Array<() => Promise<unknown> | unknown> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function subscriber(...args: Parameters<typeof startSubscriber>) {
  const started = await startSubscriber(...args)
  cleanups.push(() => started.close())
  return started
}

/** A dispatcher in this process, stopped after the test. */
function dispatcher(transport: BrokerTransport, options: Partial<DispatcherOptions>) {
  const started = startDispatcher({
    transport,
    triggers: [],
    resolveRef: () => '',
    readBlockMs: 100,
    ...options,
  })
  cleanups.push(() => started.stop())
  return started
}

/** A subscriber whose first delivery never gets an answer; later ones get 202. */
const hangsFirst = () =>
  subscriber((_, attempt) => (attempt === 1 ? new Promise<never>(() => {}) : { status: 202 }))

describe.runIf(url)('a dispatcher that dies mid-delivery, on Redis', () => {
  it('has its delivery taken over by a live dispatcher within seconds of a SIGKILL', async () => {
    const { redis, cleanup } = createTestRedis(url!)
    const transport = createRedisTransport({ redis })
    cleanups.push(cleanup, () => transport.close())
    const target = await hangsFirst()
    const killable = await startDispatcherProcess({
      redisUrl: url!,
      keyPrefix: redis.options.keyPrefix!,
      trigger: 'orders',
      subscriberUrl: target.url,
    })
    cleanups.push(() => killable.kill())

    await transport.append([encodeEvent(event())])
    await target.waitFor(1, 10_000)
    const rescuer = dispatcher(transport, { triggers: [trigger('orders', target.url)] })
    await killable.kill()
    const killedAt = Date.now()

    const [, redelivered] = await target.waitFor(2, 15_000)
    console.log(`delivered ${redelivered!.at - killedAt} ms after the SIGKILL`)
    await waitUntil(async () => (await transport.pendingCount('orders')) === 0)
    expect(rescuer.stats().orders).toMatchObject({ delivered: 1 })
    const consumers = (await redis.xinfo('CONSUMERS', 'broker:events', 'orders')) as unknown[]
    expect(consumers).toHaveLength(1)
  }, 60_000)
})

const transports: Array<[string, () => Promise<BrokerTransport>]> = [
  ['memory', async () => createMemoryTransport()],
]
if (url) {
  transports.push([
    'redis',
    async () => {
      const { redis, cleanup } = createTestRedis(url)
      const transport = createRedisTransport({ redis })
      cleanups.push(cleanup, () => transport.close())
      return transport
    },
  ])
}

describe.each(transports)('dispatchers sharing a Trigger on the %s transport', (_, make) => {
  it('leave a live dispatcher its slow delivery, however long past the liveness period', async () => {
    const transport = await make()
    const slow = await subscriber(async () => {
      await new Promise((resolve) => setTimeout(resolve, 3_000))
      return { status: 202 }
    })
    const orders = trigger('orders', slow.url)
    await transport.ensureGroup('orders')
    const options = { triggers: [orders], livenessTtlMs: 500 }
    const first = dispatcher(transport, { ...options, consumer: 'first' })
    const second = dispatcher(transport, { ...options, consumer: 'second' })

    const delivered = () => first.stats().orders!.delivered + second.stats().orders!.delivered

    await transport.append([encodeEvent(event())])
    await waitUntil(() => delivered() === 1, 15_000)
    // Long enough for a wrongful takeover to have reached the subscriber.
    await new Promise((resolve) => setTimeout(resolve, 1_000))

    expect(slow.received).toHaveLength(1)
    expect(delivered()).toBe(1)
    expect(await transport.pendingCount('orders')).toBe(0)
  }, 30_000)

  it('take over within seconds what a dispatcher stopped mid-backoff left pending', async () => {
    const transport = await make()
    const target = await subscriber((_, attempt) => ({ status: attempt === 1 ? 503 : 202 }))
    const orders = trigger(
      'orders',
      target.url,
      '  delivery:\n    retry: 3\n    backoffDelay: PT60S',
    )
    await transport.ensureGroup('orders')
    const leaving = dispatcher(transport, { triggers: [orders], consumer: 'leaving' })
    await transport.append([encodeEvent(event())])
    await target.waitFor(1)
    await leaving.stop()
    const stoppedAt = Date.now()

    dispatcher(transport, { triggers: [orders], consumer: 'staying' })

    const [, second] = await target.waitFor(2, 15_000)
    console.log(`redelivered ${second!.at - stoppedAt} ms after the stop`)
  }, 30_000)
})

async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}
