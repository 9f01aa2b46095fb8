import { EVENT_TYPES } from '@dropmate/contracts/event-types'
import { describe, expect, it } from 'vitest'
import { judge, type Observation } from './checks'
import type { Answer } from './client'

const SHIPMENT = 'b5b0c0de-0000-4000-8000-000000000001'
const EMAIL = 'chaos-1-0@chaos.example'

/** One parcel created, assigned and put in transit, with everything where it should be. */
function healthy(): Observation {
  const outbox = [
    { id: 'e1', type: EVENT_TYPES.shipmentCreated, subject: SHIPMENT, to: null },
    { id: 'e2', type: EVENT_TYPES.shipmentAssigned, subject: SHIPMENT, to: 'assigned' },
    { id: 'e3', type: EVENT_TYPES.shipmentStatusChanged, subject: SHIPMENT, to: 'in_transit' },
    { id: 'e4', type: EVENT_TYPES.shipmentArriving, subject: SHIPMENT, to: null },
  ]
  return {
    record: {
      runId: 'chaos-1',
      creates: [{ id: SHIPMENT, email: EMAIL }],
      changes: [
        { shipmentId: SHIPMENT, to: 'assigned' },
        { shipmentId: SHIPMENT, to: 'in_transit' },
      ],
      pings: [{ source: '/chaos/chaos-1', id: 'p1' }],
      doorPings: [SHIPMENT, SHIPMENT],
    },
    stored: {
      shipments: [
        { id: SHIPMENT, trackingNumber: 'DM1', receiverEmail: EMAIL, status: 'in_transit' },
      ],
      timeline: [
        { shipmentId: SHIPMENT, toStatus: 'assigned' },
        { shipmentId: SHIPMENT, toStatus: 'in_transit' },
      ],
      outbox,
      history: [{ eventId: 'p1', rows: 1 }],
    },
    delivered: outbox.map(({ id, type }) => ({ id, type, subject: SHIPMENT })),
    emails: [
      { to: EMAIL, subject: 'Your parcel DM1 has a driver' },
      { to: EMAIL, subject: 'Your parcel DM1 is on its way' },
    ],
    screens: [
      { name: 'dashboard 1', connected: true, shows: new Map([[SHIPMENT, 'in_transit']]) },
      { name: 'page', connected: true, shows: new Map([['DM1', 'in_transit']]), follows: 'DM1' },
    ],
    answers: [],
    fatalLines: [],
    crashes: [],
    recoveryMs: 1200,
  }
}

const answer = (
  status: Answer['status'],
  ms: number,
  retryAfter: string | null = null,
): Answer => ({
  at: 0,
  ms,
  method: 'POST',
  path: '/api/locations',
  status,
  retryAfter,
})

describe('the chaos checks', () => {
  it('find nothing when every write, event, email and screen is where it should be', () => {
    const verdict = judge(healthy())
    expect(verdict.failures).toEqual([])
    expect(verdict.lost).toEqual({ writes: 0, events: 0, emails: 0, arrivals: 0, pings: 0 })
  })

  it('name an acknowledged status change the timeline does not have', () => {
    const o = healthy()
    o.stored.timeline = o.stored.timeline.filter((row) => row.toStatus !== 'in_transit')
    const verdict = judge(o)
    expect(verdict.lost.writes).toBe(1)
    expect(verdict.failures).toContain(`lost change of ${SHIPMENT} to in_transit (acknowledged)`)
  })

  it('count a shipment created twice from one acknowledged request as a duplicate', () => {
    const o = healthy()
    o.stored.shipments.push({ ...o.stored.shipments[0]!, id: 'another' })
    expect(judge(o).duplicated.writes).toBe(1)
  })

  it('name a ping answered 202 that never reached the history', () => {
    const o = healthy()
    o.stored.history = []
    const verdict = judge(o)
    expect(verdict.lost.pings).toBe(1)
    expect(verdict.failures).toContain('lost ping p1 (202) in history')
  })

  it('name an outbox event the broker never delivered, but accept a redelivery', () => {
    const o = healthy()
    o.delivered = o.delivered.filter((event) => event.id !== 'e3')
    o.delivered.push(o.delivered[0]!)
    const verdict = judge(o)
    expect(verdict.lost.events).toBe(1)
    expect(verdict.duplicated.events).toBe(0)
    expect(verdict.failures[0]).toMatch(/lost event .*status_changed.* e3 of/)
  })

  it('count an email sent twice and an email never sent', () => {
    const o = healthy()
    o.emails = [o.emails[0]!, o.emails[0]!]
    const verdict = judge(o)
    expect(verdict.duplicated.emails).toBe(1)
    expect(verdict.lost.emails).toBe(1)
    expect(verdict.failures).toContain(`lost email "Your parcel DM1 is on its way" to ${EMAIL}`)
  })

  it('miss no arrival of a driver seen at the door, counted once however often seen', () => {
    const o = healthy()
    o.stored.outbox = o.stored.outbox.filter((e) => e.type !== EVENT_TYPES.shipmentArriving)
    o.delivered = o.delivered.filter((e) => e.type !== EVENT_TYPES.shipmentArriving)
    expect(judge(o).lost.arrivals).toBe(1)
  })

  it('accept a 503 with Retry-After within a second, and nothing slower or other', () => {
    const o = healthy()
    o.answers = [answer(503, 40, '1'), answer('refused', 2)]
    expect(judge(o).failures).toEqual([])
    o.answers = [
      answer(503, 1_674, '1'),
      answer(500, 12),
      answer(503, 30),
      answer('timeout', 5_000),
    ]
    const verdict = judge(o)
    expect(verdict.badErrors).toBe(4)
    expect(verdict.slowestErrorMs).toBe(5_000)
    expect(verdict.failures).toEqual([
      '1 error answer(s) POST /api/locations: 503, Retry-After 1, slowest after 1674 ms',
      '1 error answer(s) POST /api/locations: 500, no Retry-After, slowest after 12 ms',
      '1 error answer(s) POST /api/locations: 503, no Retry-After, slowest after 30 ms',
      '1 error answer(s) POST /api/locations: timeout, no Retry-After, slowest after 5000 ms',
    ])
  })

  it('name a screen that shows an old status or is not connected', () => {
    const o = healthy()
    o.screens[0]!.shows.set(SHIPMENT, 'assigned')
    o.screens[1]!.connected = false
    const verdict = judge(o)
    expect(verdict.screensBehind).toBe(2)
    expect(verdict.failures).toContain(
      `socket dashboard 1 (connected) behind: ${SHIPMENT}: assigned → in_transit`,
    )
    expect(verdict.failures).toContain('socket page (not connected) behind: nothing')
  })

  it('fail on a fatal log line, a crash, or no recovery', () => {
    const o = healthy()
    o.fatalLines = ['{"level":60,"msg":"start-up failed"}']
    o.crashes = ['server exited (1)']
    o.recoveryMs = null
    const verdict = judge(o)
    expect(verdict.fatal).toBe(2)
    expect(verdict.failures).toHaveLength(3)
  })
})

describe('the error answers of a scenario', () => {
  it('are grouped by route, status and code, ids left out', () => {
    const o = healthy()
    const on = (id: string, ms: number): Answer => ({
      ...answer(500, ms),
      method: 'PATCH',
      path: `/api/shipments/${id}/status`,
      detail: 'internal_error',
    })
    o.answers = [on(SHIPMENT, 18), on('b5b0c0de-0000-4000-8000-000000000002', 31)]
    expect(judge(o).failures).toEqual([
      '2 error answer(s) PATCH /api/shipments/:id/status: 500 internal_error, no Retry-After, slowest after 31 ms',
    ])
  })
})
