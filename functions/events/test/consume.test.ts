import { createMigratedTestDatabase, type TestDatabase } from '@dropmate/db/testing'
import { CloudEvent } from 'cloudevents'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { effectOnce } from '../src/consume'

let db: TestDatabase

beforeAll(async () => {
  db = await createMigratedTestDatabase()
})
afterAll(() => db?.drop())

// Stands for an effect outside the database: an email handed to a provider.
let sent: string[] = []
beforeEach(async () => {
  sent = []
  await db.sql`truncate processed_events`
})

const LEASE_MS = 60_000
const event = (id: string, source = '/shipments') =>
  new CloudEvent({ id, source, type: 'com.dropmate.shipment.created.v1' })
const send = (what: string) => async () => {
  sent.push(what)
}
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

describe('effectOnce', () => {
  it('runs the effect of an event delivered twice once, and says the second was a duplicate', async () => {
    const first = await effectOnce(db.sql, 'notify', event('e1'), LEASE_MS, send('e1'))
    const second = await effectOnce(db.sql, 'notify', event('e1'), LEASE_MS, send('e1'))

    expect([first, second]).toEqual(['done', 'duplicate'])
    expect(sent).toEqual(['e1'])
  })

  it('tells a delivery that comes while the effect is in hand that it is in flight', async () => {
    let finish = () => {}
    const slow = effectOnce(db.sql, 'notify', event('e2'), LEASE_MS, async () => {
      sent.push('e2')
      await new Promise<void>((resolve) => (finish = resolve))
    })
    while (sent.length === 0) await sleep(10)

    const meanwhile = await effectOnce(db.sql, 'notify', event('e2'), LEASE_MS, send('again'))
    finish()

    expect(meanwhile).toBe('in_flight')
    expect(await slow).toBe('done')
    expect(await effectOnce(db.sql, 'notify', event('e2'), LEASE_MS, send('again'))).toBe(
      'duplicate',
    )
    expect(sent).toEqual(['e2'])
  })

  it('runs the effect once when the same event arrives twice at the same moment', async () => {
    const outcomes = await Promise.all(
      [1, 2].map(() => effectOnce(db.sql, 'notify', event('e3'), LEASE_MS, send('e3'))),
    )

    expect(outcomes.filter((outcome) => outcome === 'done')).toHaveLength(1)
    expect(sent).toEqual(['e3'])
  })

  it('lets a redelivery run the effect at once when it failed', async () => {
    const failing = () => Promise.reject(new Error('SendGrid down'))
    await expect(effectOnce(db.sql, 'notify', event('e4'), LEASE_MS, failing)).rejects.toThrow(
      'SendGrid',
    )

    expect(await effectOnce(db.sql, 'notify', event('e4'), LEASE_MS, send('e4'))).toBe('done')
    expect(sent).toEqual(['e4'])
  })

  it('runs the effect again only once the claim of an attempt that died has run out', async () => {
    // An attempt that died holding its claim: nothing gives it up, nothing marks it done.
    const dying = effectOnce(db.sql, 'notify', event('e5'), 2_000, () => new Promise(() => {}))
    void dying
    while ((await db.sql`select 1 from processed_events where event_id = 'e5'`).length === 0) {
      await sleep(10)
    }

    const retry = () => effectOnce(db.sql, 'notify', event('e5'), 2_000, send('retry'))
    expect(await retry()).toBe('in_flight')
    let outcome = await retry()
    for (let tries = 0; outcome === 'in_flight' && tries < 100; tries++) {
      await sleep(100)
      outcome = await retry()
    }
    expect(outcome).toBe('done')
    expect(sent).toEqual(['retry'])
  })

  it('treats the same id from two sources, or for two consumers, as separate effects', async () => {
    await effectOnce(db.sql, 'notify', event('e6', '/shipments'), LEASE_MS, send('shipments'))
    await effectOnce(db.sql, 'notify', event('e6', '/drivers'), LEASE_MS, send('drivers'))
    await effectOnce(db.sql, 'audit', event('e6', '/drivers'), LEASE_MS, send('audit'))

    expect(sent).toEqual(['shipments', 'drivers', 'audit'])
  })
})
