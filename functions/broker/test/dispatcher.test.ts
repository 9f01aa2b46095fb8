import { CloudEvent, HTTP } from 'cloudevents'
import { createTestRedis } from '@dropmate/db/testing'
import { afterEach, describe, expect, it } from 'vitest'
import { decodeEvent, encodeEvent } from '@dropmate/events'
import { startDispatcher, type Dispatcher, type DispatcherOptions } from '../src/dispatcher'
import { createMemoryTransport } from '@dropmate/events'
import { createRedisTransport } from '@dropmate/events'
import type { BrokerTransport } from '@dropmate/events'
import { parseTriggers, type Trigger } from '../src/triggers'
import { startSubscriber } from './subscriber'
import { trigger } from './trigger'

type Made = { transport: BrokerTransport; cleanup(): Promise<void> }

const transports: Array<[string, () => Promise<Made>]> = [
  ['memory', async () => ({ transport: createMemoryTransport(), cleanup: async () => {} })],
]
if (process.env.REDIS_URL) {
  transports.push([
    'redis',
    async () => {
      const { redis, cleanup } = createTestRedis(process.env.REDIS_URL!)
      const transport = createRedisTransport({ redis })
      return {
        transport,
        async cleanup() {
          await transport.close()
          await cleanup()
        },
      }
    },
  ])
}

const event = (type = 'com.dropmate.shipment.created.v1', extra: Record<string, unknown> = {}) =>
  new CloudEvent({ type, source: '/functions/test', data: { n: 1 }, ...extra })

describe.each(transports)('the dispatcher on the %s transport', (_, make) => {
  let made: Made
  let dispatcher: Dispatcher | undefined
  const subscribers: Array<{ close(): Promise<void> }> = []

  async function start(
    triggers: Trigger[],
    options: Partial<Pick<DispatcherOptions, 'claimIdleMs' | 'resolveRef' | 'token'>> = {},
  ) {
    made = await make()
    dispatcher = startDispatcher({
      transport: made.transport,
      triggers,
      resolveRef: () => 'http://127.0.0.1:1',
      readBlockMs: 50,
      ...options,
    })
    // the groups exist once the loops started; events published after this are seen
    await new Promise((resolve) => setTimeout(resolve, 100))
    return made.transport
  }

  async function subscriber(...args: Parameters<typeof startSubscriber>) {
    const started = await startSubscriber(...args)
    subscribers.push(started)
    return started
  }

  afterEach(async () => {
    await dispatcher?.stop()
    dispatcher = undefined
    await Promise.all(subscribers.splice(0).map((s) => s.close()))
    await made?.cleanup()
  })

  it('routes each event to the Triggers whose filters match, attributes and extensions intact', async () => {
    const statuses = await subscriber()
    const everything = await subscriber()
    const fromApi = await subscriber()
    const transport = await start([
      trigger(
        'statuses',
        statuses.url,
        '  filter:\n    attributes:\n      type: com.dropmate.shipment.status_changed.v1',
      ),
      trigger('everything', everything.url),
      trigger('tenant', fromApi.url, '  filter:\n    attributes:\n      tenant: estrela'),
    ])
    await transport.append([
      encodeEvent(event('com.dropmate.shipment.status_changed.v1', { tenant: 'estrela' })),
      encodeEvent(event('com.dropmate.shipment.created.v1')),
    ])
    await everything.waitFor(2)
    const [changed] = await statuses.waitFor(1)
    await fromApi.waitFor(1)
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(statuses.received).toHaveLength(1)
    expect(fromApi.received).toHaveLength(1)
    expect(changed!.event).toMatchObject({
      type: 'com.dropmate.shipment.status_changed.v1',
      tenant: 'estrela',
      data: { n: 1 },
    })
  })

  it('retries 404, 409, 429 and 5xx with backoff, then delivers', async () => {
    const codes = [503, 404, 409, 429, 202]
    const flaky = await subscriber((_, attempt) => ({ status: codes[attempt - 1]! }))
    const transport = await start([
      trigger(
        'flaky',
        flaky.url,
        '  delivery:\n    retry: 5\n    backoffPolicy: linear\n    backoffDelay: PT0.02S',
      ),
    ])
    await transport.append([encodeEvent(event())])
    const deliveries = await flaky.waitFor(5)
    const gaps = deliveries.slice(1).map((d, i) => d.at - deliveries[i]!.at)
    // linear: 20, 40, 60, 80 ms
    gaps.forEach((gap, i) => expect(gap).toBeGreaterThanOrEqual(20 * (i + 1) - 5))
    await waitUntil(() => dispatcher!.stats().flaky!.delivered === 1)
    expect(dispatcher!.stats().flaky).toMatchObject({ retried: 4, deadLettered: 0 })
    expect(await transport.listDeadLetters(10)).toEqual([])
  })

  it('honours Retry-After', async () => {
    const busy = await subscriber((_, attempt) =>
      attempt === 1 ? { status: 429, headers: { 'retry-after': '1' } } : { status: 202 },
    )
    const transport = await start([
      trigger('busy', busy.url, '  delivery:\n    retry: 2\n    backoffDelay: PT0.01S'),
    ])
    await transport.append([encodeEvent(event())])
    const [first, second] = await busy.waitFor(2, 5_000)
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(950)
  })

  it('dead-letters a 400 at once, with the Knative error extensions, and sends it to the sink', async () => {
    const refusing = await subscriber(() => ({ status: 400, body: 'no thanks' }))
    const sink = await subscriber()
    const transport = await start([
      trigger(
        'refusing',
        refusing.url,
        `  delivery:\n    retry: 5\n    deadLetterSink:\n      uri: ${sink.url}`,
      ),
    ])
    const sent = event()
    await transport.append([encodeEvent(sent)])
    const [dead] = await sink.waitFor(1)
    expect(refusing.received).toHaveLength(1)
    expect(dead!.event).toMatchObject({
      id: sent.id,
      knativeerrordest: `${refusing.url}/`,
      knativeerrorcode: '400',
      knativeerrordata: Buffer.from('no thanks').toString('base64'),
    })
    const [letter] = await transport.listDeadLetters(10)
    expect(letter).toMatchObject({ trigger: 'refusing' })
    expect(decodeEvent(letter!.event).id).toBe(sent.id)
  })

  it('dead-letters after the last retry', async () => {
    const down = await subscriber(() => ({ status: 500 }))
    const transport = await start([
      trigger('down', down.url, '  delivery:\n    retry: 2\n    backoffDelay: PT0.01S'),
    ])
    await transport.append([encodeEvent(event())])
    await down.waitFor(3)
    await waitUntil(async () => (await transport.listDeadLetters(10)).length === 1)
    expect(down.received).toHaveLength(3)
    const [letter] = await transport.listDeadLetters(10)
    expect(decodeEvent(letter!.event)).toMatchObject({ knativeerrorcode: '500' })
  })

  it('puts a reply back into the broker, where other Triggers receive it', async () => {
    const reply = new CloudEvent({
      type: 'com.dropmate.alert.v1',
      source: '/functions/replier',
      data: { ok: true },
    })
    const replier = await subscriber(() => {
      const { headers, body } = HTTP.binary(reply)
      return { status: 200, headers: headers as Record<string, string>, body: body as string }
    })
    const alerts = await subscriber()
    const transport = await start([
      trigger(
        'replier',
        replier.url,
        '  filter:\n    attributes:\n      type: com.dropmate.shipment.created.v1',
      ),
      trigger(
        'alerts',
        alerts.url,
        '  filter:\n    attributes:\n      type: com.dropmate.alert.v1',
      ),
    ])
    await transport.append([encodeEvent(event())])
    const [received] = await alerts.waitFor(1)
    expect(received!.event).toMatchObject({
      id: reply.id,
      type: 'com.dropmate.alert.v1',
      data: { ok: true },
    })
  })

  it('presents BROKER_TOKEN to subscribers named by a ref, and never to an absolute uri', async () => {
    const token = 'a-broker-token-of-at-least-32-characters'
    const service = await subscriber()
    const elsewhere = await subscriber(() => ({ status: 400 }))
    const sink = await subscriber()
    const [ours] = parseTriggers(
      `apiVersion: eventing.knative.dev/v1
kind: Trigger
metadata:
  name: ours
spec:
  broker: default
  subscriber:
    ref: { apiVersion: v1, kind: Service, name: realtime }
    uri: /realtime/events
`,
      'test.yaml',
    )
    const transport = await start(
      [
        ours!,
        trigger(
          'elsewhere',
          elsewhere.url,
          `  delivery:\n    retry: 0\n    deadLetterSink:\n      uri: ${sink.url}`,
        ),
      ],
      { resolveRef: () => service.url, token },
    )
    await transport.append([encodeEvent(event())])
    const [toService] = await service.waitFor(1)
    const [toElsewhere] = await elsewhere.waitFor(1)
    const [toSink] = await sink.waitFor(1)
    expect(toService!.headers.authorization).toBe(`Bearer ${token}`)
    expect(toElsewhere!.headers.authorization).toBeUndefined()
    expect(toSink!.headers.authorization).toBeUndefined()
  })

  it('delivers what a dispatcher that died mid-delivery had taken', async () => {
    const target = await subscriber()
    made = await make()
    const orphaned = trigger('orphaned', target.url)
    await made.transport.ensureGroup('orphaned')
    await made.transport.append([encodeEvent(event())])
    // a dispatcher read it and died before acknowledging
    expect(await made.transport.readNew('orphaned', 'dead-dispatcher', 10, 0)).toHaveLength(1)
    dispatcher = startDispatcher({
      transport: made.transport,
      triggers: [orphaned],
      resolveRef: () => '',
      readBlockMs: 50,
      claimIdleMs: 100,
    })
    await target.waitFor(1, 5_000)
    await waitUntil(async () => (await made.transport.pendingCount('orphaned')) === 0)
  })

  it('finishes deliveries in flight when stopped', async () => {
    const slow = await subscriber(async () => {
      await new Promise((resolve) => setTimeout(resolve, 300))
      return { status: 202 }
    })
    const transport = await start([trigger('slow', slow.url)])
    await transport.append([encodeEvent(event())])
    await slow.waitFor(1)
    await dispatcher!.stop()
    expect(dispatcher!.stats().slow!.delivered).toBe(1)
    expect(await transport.pendingCount('slow')).toBe(0)
  })
})

async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs = 5_000) {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}
