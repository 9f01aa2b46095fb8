import * as drivers from '@dropmate/drivers'
import type { SignedIn } from '@dropmate/kit/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedDutyChanges, seedPastShipment } from './history'
import { startShipmentsApi } from './support'

let stack: Awaited<ReturnType<typeof startShipmentsApi>>
let ana: SignedIn
let bruno: SignedIn

// The week of Lisbon's clock change: on Sunday 2026-03-29 at 01:00 UTC the shop's clock
// jumps from 01:00 (UTC+0) to 02:00 (UTC+1). The range is shop days 23 to 30 March, so from
// 2026-03-23T00:00Z to 2026-03-30T23:00Z.
const RANGE = 'from=2026-03-23&to=2026-03-30'

beforeAll(async () => {
  // The drivers functions beside: duty changes are made through them.
  stack = await startShipmentsApi({ SHOP_TIME_ZONE: 'Europe/Lisbon' }, (deps) =>
    drivers.functions.map((fn) => fn.app(deps)),
  )
  ana = await stack.onDuty('driver', 'Ana Lima')
  bruno = await stack.onDuty('driver', 'Bruno Reis')
  const sql = stack.api.db.sql
  const a = ana.driverId!
  const b = bruno.driverId!
  // S1: Friday, 30 minutes, inside its window.
  await seedPastShipment(sql, {
    driverId: a,
    window: { from: '2026-03-27T09:00:00Z', to: '2026-03-27T10:00:00Z' },
    steps: [
      ['picked_up', '2026-03-27T09:00:00Z'],
      ['in_transit', '2026-03-27T09:05:00Z'],
      ['delivered', '2026-03-27T09:30:00Z'],
    ],
  })
  // S2: Friday, failed once, delivered 60 minutes after pickup, after its window.
  await seedPastShipment(sql, {
    driverId: a,
    window: { from: '2026-03-27T10:00:00Z', to: '2026-03-27T10:30:00Z' },
    steps: [
      ['picked_up', '2026-03-27T10:00:00Z'],
      ['in_transit', '2026-03-27T10:05:00Z'],
      ['failed', '2026-03-27T10:20:00Z', 'Nobody home'],
      ['in_transit', '2026-03-27T10:40:00Z'],
      ['delivered', '2026-03-27T11:00:00Z'],
    ],
  })
  // S3: Monday after the change (09:45 on the shop's clock), 45 minutes, no window.
  await seedPastShipment(sql, {
    driverId: b,
    steps: [
      ['picked_up', '2026-03-30T08:00:00Z'],
      ['in_transit', '2026-03-30T08:10:00Z'],
      ['delivered', '2026-03-30T08:45:00Z'],
    ],
  })
  // S4: Sunday after the change (13:00 on the shop's clock), 120 minutes, before its window.
  await seedPastShipment(sql, {
    driverId: b,
    window: { from: '2026-03-29T12:30:00Z', to: '2026-03-29T13:30:00Z' },
    steps: [
      ['picked_up', '2026-03-29T10:00:00Z'],
      ['in_transit', '2026-03-29T10:30:00Z'],
      ['delivered', '2026-03-29T12:00:00Z'],
    ],
  })
  // S5, S6, S9: failed and not delivered (yet).
  await seedPastShipment(sql, {
    driverId: a,
    steps: [
      ['picked_up', '2026-03-28T14:00:00Z'],
      ['in_transit', '2026-03-28T14:10:00Z'],
      ['failed', '2026-03-28T14:30:00Z', 'nobody   HOME!'],
    ],
  })
  await seedPastShipment(sql, {
    driverId: b,
    steps: [
      ['picked_up', '2026-03-29T00:10:00Z'],
      ['in_transit', '2026-03-29T00:20:00Z'],
      // 02:30 on the shop's clock, the first hour after it jumped
      ['failed', '2026-03-29T01:30:00Z', 'Address not found'],
    ],
  })
  await seedPastShipment(sql, {
    driverId: a,
    steps: [
      ['picked_up', '2026-03-25T14:30:00Z'],
      ['in_transit', '2026-03-25T14:40:00Z'],
      ['failed', '2026-03-25T15:00:00Z', 'Nobody home'],
    ],
  })
  // S7, S8: just outside the range, on the shop's clock (the second is inside it in UTC).
  await seedPastShipment(sql, {
    driverId: a,
    steps: [
      ['picked_up', '2026-03-22T23:00:00Z'],
      ['delivered', '2026-03-22T23:30:00Z'],
    ],
  })
  await seedPastShipment(sql, {
    driverId: b,
    steps: [
      ['picked_up', '2026-03-30T23:00:00Z'],
      ['delivered', '2026-03-30T23:30:00Z'],
    ],
  })
  // S10: a week later, a reason a spreadsheet would run as a formula.
  await seedPastShipment(sql, {
    driverId: a,
    steps: [
      ['picked_up', '2026-04-06T10:00:00Z'],
      ['failed', '2026-04-06T10:30:00Z', '=HYPERLINK("http://evil.example","x")'],
    ],
  })
  // Ana: 1 h of a span that began before the range, then 2 h, 4 h and 2 h (busy counts).
  await seedDutyChanges(sql, a, [
    ['available', '2026-03-22T22:00:00Z'],
    ['offline', '2026-03-23T01:00:00Z'],
    ['available', '2026-03-25T14:00:00Z'],
    ['offline', '2026-03-25T16:00:00Z'],
    ['available', '2026-03-27T08:00:00Z'],
    ['offline', '2026-03-27T12:00:00Z'],
    ['available', '2026-03-28T13:00:00Z'],
    ['busy', '2026-03-28T14:00:00Z'],
    ['offline', '2026-03-28T15:00:00Z'],
  ])
  // Bruno: 13 h across the clock change, then on duty past the range's end (16 h of it).
  await seedDutyChanges(sql, b, [
    ['available', '2026-03-29T00:00:00Z'],
    ['offline', '2026-03-29T13:00:00Z'],
    ['available', '2026-03-30T07:00:00Z'],
  ])
}, 120_000)

afterAll(() => stack.api.close())

const report = (path: string, who: SignedIn | null = stack.people.dispatcher) =>
  stack.api.request('GET', `/api/analytics/${path}`, { token: who?.token })

describe('operations analytics', () => {
  it('rates on-time against the window, times pickup to delivery and counts first attempts', async () => {
    const reply = await report(`summary?${RANGE}`)
    expect(reply.status, JSON.stringify(reply.body)).toBe(200)
    expect(reply.body).toMatchObject({
      from: '2026-03-23',
      to: '2026-03-30',
      timeZone: 'Europe/Lisbon',
      driverId: null,
    })
    const [row] = reply.body.rows
    // S1..S4 delivered; S1 in its window, S2 late, S4 early, S3 had none.
    expect(row).toMatchObject({
      delivered: 4,
      withWindow: 3,
      withoutWindow: 1,
      onTime: 1,
      early: 1,
      late: 1,
      timed: 4,
      firstAttempt: 3,
    })
    expect(row.onTimeRate).toBeCloseTo(1 / 3, 6)
    expect(row.firstAttemptRate).toBeCloseTo(0.75, 6)
    // 30, 45, 60 and 120 minutes: mean 63.75; p90 at rank 0.9 × 3 = 2.7, 60 + 0.7 × 60.
    expect(row.averageMinutes).toBeCloseTo(63.75, 6)
    expect(row.p90Minutes).toBeCloseTo(102, 6)
  })

  it('groups failure reasons that differ only in case, spacing and punctuation', async () => {
    const reply = await report(`failures?${RANGE}`)
    expect(reply.status).toBe(200)
    expect(reply.body.rows).toEqual([
      { reason: 'Nobody home', failures: 3, share: 0.75 },
      { reason: 'Address not found', failures: 1, share: 0.25 },
    ])
  })

  it('divides each driver’s deliveries by their hours on duty within the range', async () => {
    const reply = await report(`drivers?${RANGE}`)
    expect(reply.status).toBe(200)
    const rows = reply.body.rows as { driverName: string; hoursOnDuty: number }[]
    expect(rows.map((r) => r.driverName)).toEqual(['Ana Lima', 'Bruno Reis'])
    expect(rows[0]).toMatchObject({ driverId: ana.driverId, deliveries: 2 })
    expect(rows[0]!.hoursOnDuty).toBeCloseTo(9, 6)
    expect(reply.body.rows[0].deliveriesPerHour).toBeCloseTo(2 / 9, 6)
    expect(rows[1]).toMatchObject({ driverId: bruno.driverId, deliveries: 2 })
    expect(rows[1]!.hoursOnDuty).toBeCloseTo(29, 6)
    expect(reply.body.rows[1].deliveriesPerHour).toBeCloseTo(2 / 29, 6)
  })

  it('counts volume by weekday and hour on the shop’s clock, across the clock change', async () => {
    const reply = await report(`volume?${RANGE}`)
    expect(reply.status).toBe(200)
    expect(reply.body.rows).toEqual([
      { weekday: 1, hour: 9, deliveries: 1, failures: 0 },
      { weekday: 3, hour: 15, deliveries: 0, failures: 1 },
      { weekday: 5, hour: 9, deliveries: 1, failures: 0 },
      { weekday: 5, hour: 10, deliveries: 0, failures: 1 },
      { weekday: 5, hour: 11, deliveries: 1, failures: 0 },
      { weekday: 6, hour: 14, deliveries: 0, failures: 1 },
      { weekday: 7, hour: 2, deliveries: 0, failures: 1 },
      { weekday: 7, hour: 13, deliveries: 1, failures: 0 },
    ])
  })

  it('narrows every report to one driver', async () => {
    const only = `${RANGE}&driverId=${bruno.driverId}`
    const summary = await report(`summary?${only}`)
    expect(summary.body.driverId).toBe(bruno.driverId)
    expect(summary.body.rows[0]).toMatchObject({ delivered: 2, onTime: 0, early: 1, timed: 2 })
    expect(summary.body.rows[0].averageMinutes).toBeCloseTo(82.5, 6)
    const failures = await report(`failures?${only}`)
    expect(failures.body.rows).toEqual([{ reason: 'Address not found', failures: 1, share: 1 }])
    const drivers = await report(`drivers?${only}`)
    expect(drivers.body.rows.map((r: { driverName: string }) => r.driverName)).toEqual([
      'Bruno Reis',
    ])
    const volume = await report(`volume?${only}`)
    expect(volume.body.rows).toHaveLength(3)
  })

  it('fills the reports from the timeline as shipments are delivered through the API', async () => {
    const today = new Date().toISOString().slice(0, 10)
    const range = `from=${today}&to=${today}&driverId=${stack.people.driver.driverId}`
    const before = await report(`summary?${range}`)
    await stack.shipmentIn('delivered')
    await stack.shipmentIn('failed')
    const after = await report(`summary?${range}`)
    expect(after.body.rows[0].delivered).toBe(before.body.rows[0].delivered + 1)
    const failures = await report(`failures?${range}`)
    expect(failures.body.rows).toContainEqual(
      expect.objectContaining({ reason: 'Nobody home', failures: 1 }),
    )
  })

  it('keeps every duty change made through the API and counts the time on duty', async () => {
    const carla = await stack.api.signIn('driver', { name: 'Carla Duty' })
    for (const dutyStatus of ['available', 'busy', 'offline']) {
      const reply = await stack.api.request('PATCH', `/api/drivers/${carla.driverId}`, {
        token: stack.people.dispatcher.token,
        body: { dutyStatus },
      })
      expect(reply.status, JSON.stringify(reply.body)).toBe(200)
    }
    const history = await stack.api.db.sql<{ dutyStatus: string }[]>`
      select duty_status from driver_duty_changes
      where driver_id = ${carla.driverId}
      order by changed_at, id
    `
    expect(history.map((change) => change.dutyStatus)).toEqual([
      'offline',
      'available',
      'busy',
      'offline',
    ])
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Lisbon' }).format(new Date())
    const reply = await report(`drivers?from=${today}&to=${today}&driverId=${carla.driverId}`)
    expect(reply.body.rows).toHaveLength(1)
    expect(reply.body.rows[0].hoursOnDuty).toBeGreaterThan(0)
    expect(reply.body.rows[0].hoursOnDuty).toBeLessThan(1)
  })

  it('exports each report as CSV, formula cells neutralised', async () => {
    const response = await fetch(
      `${stack.api.url}/api/analytics/failures.csv?from=2026-04-06&to=2026-04-06`,
      { headers: { authorization: `Bearer ${stack.people.admin.token}` } },
    )
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toContain('text/csv')
    expect(response.headers.get('content-disposition')).toContain(
      'failures-2026-04-06-to-2026-04-06.csv',
    )
    // fetch's text() drops a BOM: read the bytes as they came.
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer())
    expect(text).toBe(
      '\uFEFFreason,failures,share\r\n' + `"'=HYPERLINK(""http://evil.example"",""x"")",1,1\r\n`,
    )
    const volume = await fetch(`${stack.api.url}/api/analytics/summary.csv?${RANGE}`, {
      headers: { authorization: `Bearer ${stack.people.dispatcher.token}` },
    })
    const [header, row] = (await volume.text()).replace('\uFEFF', '').split('\r\n')
    expect(header).toBe(
      'delivered,withWindow,withoutWindow,onTime,early,late,onTimeRate,timed,' +
        'averageMinutes,p90Minutes,firstAttempt,firstAttemptRate',
    )
    expect(row).toBe('4,3,1,1,1,1,0.3333333333333333,4,63.75,102,3,0.75')
  })

  it('answers dispatchers and admins only', async () => {
    for (const path of [`summary?${RANGE}`, `volume.csv?${RANGE}`]) {
      expect((await report(path, stack.people.admin)).status).toBe(200)
      expect((await report(path, stack.people.driver)).status).toBe(403)
      expect((await report(path, stack.people.customer)).status).toBe(403)
      const anonymous = await report(path, null)
      expect(anonymous.status).toBe(401)
      expect(anonymous.body.code).toBe('missing_token')
    }
  })

  it('refuses ranges and filters it cannot answer', async () => {
    const refused = async (query: string, status: number, field?: string) => {
      const reply = await report(`drivers?${query}`)
      expect(reply.status, query).toBe(status)
      expect(reply.headers.get('content-type')).toContain('application/problem+json')
      if (field) {
        expect(reply.body.errors.map((e: { field: string }) => e.field)).toContain(field)
      }
      return reply
    }
    await refused('from=2026-03-30&to=2026-03-23', 400, 'query.to')
    await refused('from=2025-01-01&to=2026-03-23', 400, 'query.to')
    await refused('from=2026-02-30&to=2026-03-23', 400, 'query.from')
    await refused('from=yesterday&to=2026-03-23', 400, 'query.from')
    await refused('to=2026-03-23', 400, 'query.from')
    await refused(`${RANGE}&driver=x`, 400)
    await refused(`${RANGE}&driverId=not-a-uuid`, 400, 'query.driverId')
    const unknown = await refused(`${RANGE}&driverId=00000000-0000-4000-8000-000000000000`, 404)
    expect(unknown.body.code).toBe('driver_not_found')
  })
})
