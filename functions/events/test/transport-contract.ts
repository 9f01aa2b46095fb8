import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { BrokerTransport } from '../src/transport'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** A structured-mode CloudEvent, as the ingress would encode it. */
function cloudEvent(id: string, data: unknown = { note: 'café ☕, "quoted"' }): string {
  return JSON.stringify({
    specversion: '1.0',
    id,
    source: '/dropmate/shipments',
    type: 'dev.dropmate.shipment.created',
    datacontenttype: 'application/json',
    dropmatetenant: 'estrela',
    data,
  })
}

async function timed<T>(work: Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now()
  const value = await work
  return { value, ms: performance.now() - start }
}

/**
 * What every BrokerTransport must do, run against each implementation. Timings are tens of
 * milliseconds: long enough to tell "idle" from "fresh" on a loaded CI machine, short enough
 * to keep the suite well under five seconds.
 */
export function transportContract(
  name: string,
  make: () => Promise<{ transport: BrokerTransport; cleanup(): Promise<void> }>,
): void {
  describe(name, () => {
    let transport: BrokerTransport
    let cleanup: () => Promise<void>

    beforeEach(async () => {
      ;({ transport, cleanup } = await make())
    })

    afterEach(async () => {
      await transport.close()
      await cleanup()
    })

    const events = (...ids: string[]) => ids.map((id) => cloudEvent(id))
    const eventsOf = (entries: { event: string }[]) => entries.map((e) => e.event)

    it('hands a follower every event appended after it started, whatever the groups do', async () => {
      await transport.append([cloudEvent('before')])
      const seen: string[] = []
      const follower = transport.follow((events) => seen.push(...events))
      try {
        await follower.ready
        await transport.ensureGroup('email')
        await transport.append([cloudEvent('a'), cloudEvent('b')])
        const [entry] = await transport.readNew('email', 'c', 1, 0)
        await transport.ack('email', entry!.id)
        await expect.poll(() => seen.map((event) => JSON.parse(event).id)).toEqual(['a', 'b'])
      } finally {
        await follower.close()
      }
    })

    it('hands out appended events in order, byte for byte, under the ids append returned', async () => {
      await transport.ensureGroup('audit')
      const sent = [cloudEvent('a', { nested: [1, null, 'ü'] }), ...events('b', 'c')]
      const ids = await transport.append(sent)

      const entries = await transport.readNew('audit', 'one', 10, 0)

      expect(entries.map((e) => e.id)).toEqual(ids)
      expect(new Set(ids).size).toBe(3)
      expect(eventsOf(entries)).toEqual(sent)
      expect(entries.map((e) => e.deliveries)).toEqual([1, 1, 1])
    })

    it('shows a group created after some appends only the events appended later', async () => {
      await transport.append(events('before'))
      await transport.ensureGroup('late')
      await transport.ensureGroup('late')
      await transport.append(events('after'))

      expect(eventsOf(await transport.readNew('late', 'one', 10, 0))).toEqual(events('after'))
    })

    it('shows every group every event', async () => {
      await transport.ensureGroup('email')
      await transport.ensureGroup('sms')
      await transport.append(events('a', 'b'))

      expect(eventsOf(await transport.readNew('email', 'one', 10, 0))).toEqual(events('a', 'b'))
      expect(eventsOf(await transport.readNew('sms', 'one', 10, 0))).toEqual(events('a', 'b'))
    })

    it('shares a group’s entries among its consumers without handing one entry to two', async () => {
      await transport.ensureGroup('email')
      await transport.append(events('a', 'b', 'c', 'd'))

      const first = await transport.readNew('email', 'one', 2, 0)
      const second = await transport.readNew('email', 'two', 10, 0)

      expect(eventsOf(first)).toEqual(events('a', 'b'))
      expect(eventsOf(second)).toEqual(events('c', 'd'))
      expect(await transport.readNew('email', 'one', 10, 0)).toEqual([])
    })

    it('keeps unacknowledged entries pending and never hands out acknowledged ones again', async () => {
      await transport.ensureGroup('email')
      await transport.append(events('a', 'b'))
      const [a, b] = await transport.readNew('email', 'one', 10, 0)
      expect(await transport.pendingCount('email')).toBe(2)

      await transport.ack('email', a!.id)

      expect(await transport.pendingCount('email')).toBe(1)
      expect(await transport.readNew('email', 'one', 10, 0)).toEqual([])
      const reclaimed = await transport.claimStale('email', 'two', 0, 10)
      expect(reclaimed.map((e) => e.id)).toEqual([b!.id])
    })

    it('lets another consumer claim an entry left idle, as a redelivery', async () => {
      await transport.ensureGroup('email')
      await transport.append(events('a'))
      const [read] = await transport.readNew('email', 'crashed', 10, 0)
      await sleep(60)

      const claimed = await transport.claimStale('email', 'rescuer', 30, 10)

      expect(claimed).toHaveLength(1)
      expect(claimed[0]).toMatchObject({ id: read!.id, event: read!.event })
      expect(claimed[0]!.deliveries).toBeGreaterThanOrEqual(2)
      expect(await transport.claimStale('email', 'another', 30, 10)).toEqual([])
      await sleep(60)
      const [again] = await transport.claimStale('email', 'another', 30, 10)
      expect(again!.deliveries).toBe(claimed[0]!.deliveries + 1)
    })

    it('does not let anyone claim an entry its consumer got moments ago', async () => {
      await transport.ensureGroup('email')
      await transport.append(events('a'))
      await transport.readNew('email', 'busy', 10, 0)

      expect(await transport.claimStale('email', 'eager', 1_000, 10)).toEqual([])
      expect(await transport.pendingCount('email')).toBe(1)
    })

    it('lets another consumer take over the entries of one whose mark lapsed, once', async () => {
      await transport.ensureGroup('email')
      await transport.append(events('a'))
      await transport.markAlive('crashed', 30)
      const [read] = await transport.readNew('email', 'crashed', 10, 0)
      await sleep(80)

      const claimed = await transport.claimAbandoned('email', 'rescuer', 50, 10)

      expect(claimed).toHaveLength(1)
      expect(claimed[0]).toMatchObject({ id: read!.id, event: read!.event })
      expect(claimed[0]!.deliveries).toBeGreaterThanOrEqual(2)
      expect(await transport.claimAbandoned('email', 'another', 50, 10)).toEqual([])
      expect(await transport.pendingCount('email')).toBe(1)
    })

    it('leaves a consumer that keeps its mark the entries it holds, however long', async () => {
      await transport.ensureGroup('email')
      await transport.append(events('a'))
      await transport.markAlive('slow', 1_000)
      await transport.readNew('email', 'slow', 10, 0)
      await sleep(80)

      expect(await transport.claimAbandoned('email', 'eager', 50, 10)).toEqual([])
      expect(await transport.pendingCount('email')).toBe(1)
    })

    it('leaves a consumer that still reads the entries it holds, mark or not', async () => {
      await transport.ensureGroup('email')
      await transport.append(events('a'))
      await transport.readNew('email', 'unmarked', 1, 0)
      for (const id of ['b', 'c', 'd', 'e']) {
        await sleep(20)
        await transport.append(events(id))
        await transport.readNew('email', 'unmarked', 1, 0)
      }

      expect(await transport.claimAbandoned('email', 'eager', 50, 10)).toEqual([])
      expect(await transport.pendingCount('email')).toBe(5)
    })

    it('wakes a blocked read as soon as an event is appended', async () => {
      await transport.ensureGroup('email')
      const read = timed(transport.readNew('email', 'one', 10, 2_000))
      await sleep(30)
      await transport.append(events('a'))

      const { value, ms } = await read

      expect(eventsOf(value)).toEqual(events('a'))
      expect(ms).toBeLessThan(1_000)
    })

    it('returns nothing from a read once blockMs passes, and at once when blockMs is 0', async () => {
      await transport.ensureGroup('email')

      const blocked = await timed(transport.readNew('email', 'one', 10, 80))
      const immediate = await timed(transport.readNew('email', 'one', 10, 0))

      expect(blocked.value).toEqual([])
      expect(blocked.ms).toBeGreaterThanOrEqual(60)
      expect(immediate.value).toEqual([])
      expect(immediate.ms).toBeLessThan(60)
    })

    it('counts as lag the entries the group has not been handed yet', async () => {
      await transport.ensureGroup('email')
      expect(await transport.lag('email')).toBe(0)
      await transport.append(events('a', 'b', 'c'))
      expect(await transport.lag('email')).toBe(3)

      await transport.readNew('email', 'one', 2, 0)

      expect(await transport.lag('email')).toBe(1)
    })

    it('lists and counts dead letters newest first and removes each one once', async () => {
      const first = await transport.deadLetter({ trigger: 'email', event: cloudEvent('a') })
      const second = await transport.deadLetter({ trigger: 'sms', event: cloudEvent('b') })
      expect(await transport.deadLetterCount()).toBe(2)

      const letters = await transport.listDeadLetters(10)

      expect(letters.map((l) => l.id)).toEqual([second, first])
      expect(letters[0]).toMatchObject({ trigger: 'sms', event: cloudEvent('b') })
      expect(Math.abs(letters[0]!.deadAt.getTime() - Date.now())).toBeLessThan(5_000)
      expect((await transport.listDeadLetters(1)).map((l) => l.id)).toEqual([second])
      expect(await transport.removeDeadLetter(first)).toBe(true)
      expect(await transport.removeDeadLetter(first)).toBe(false)
      expect((await transport.listDeadLetters(10)).map((l) => l.id)).toEqual([second])
      expect(await transport.deadLetterCount()).toBe(1)
    })

    it('trims the oldest entries beyond maxLength, so a group never gets them', async () => {
      await transport.ensureGroup('email')
      await transport.append(events('a', 'b', 'c', 'd'))
      await transport.deadLetter({ trigger: 'email', event: cloudEvent('x') })
      const kept = await transport.deadLetter({ trigger: 'email', event: cloudEvent('y') })

      await transport.trim({ maxAgeMs: 60_000, maxLength: 1 })

      expect(eventsOf(await transport.readNew('email', 'one', 10, 0))).toEqual(events('d'))
      expect((await transport.listDeadLetters(10)).map((l) => l.id)).toEqual([kept])
    })

    it('trims entries older than maxAgeMs, so a group never gets them', async () => {
      await transport.ensureGroup('email')
      await transport.append(events('old'))
      await sleep(80)
      await transport.append(events('new'))

      await transport.trim({ maxAgeMs: 40, maxLength: 1_000 })

      expect(await transport.lag('email')).toBe(1)
      expect(eventsOf(await transport.readNew('email', 'one', 10, 0))).toEqual(events('new'))
    })

    it('never hands out a pending entry that was trimmed, and stops counting it', async () => {
      await transport.ensureGroup('email')
      await transport.append(events('a', 'b', 'c'))
      await transport.readNew('email', 'crashed', 10, 0)

      await transport.trim({ maxAgeMs: 60_000, maxLength: 1 })
      const claimed = await transport.claimStale('email', 'rescuer', 0, 10)

      expect(eventsOf(claimed)).toEqual(events('c'))
      expect(await transport.pendingCount('email')).toBe(1)
    })

    it('refuses to read for a group that was never created', async () => {
      await transport.append(events('a'))

      await expect(transport.readNew('nobody', 'one', 10, 0)).rejects.toThrow(/NOGROUP/)
    })

    it('makes a blocked read return nothing promptly on close, and closes twice quietly', async () => {
      await transport.ensureGroup('email')
      const read = timed(transport.readNew('email', 'one', 10, 5_000))
      await sleep(30)

      await transport.close()
      await transport.close()

      const { value, ms } = await read
      expect(value).toEqual([])
      expect(ms).toBeLessThan(1_000)
      expect(await transport.readNew('email', 'one', 10, 5_000)).toEqual([])
    })
  })
}
