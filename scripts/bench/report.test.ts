import { describe, expect, it } from 'vitest'
import type { Measurement } from './measure'
import { brokenRows, cpuLines, formatTable, toRows } from './report'
import { BROKER_TARGET, REALTIME_TARGET, TRACKING_TARGET } from './targets'

const clean = { requests: 1000, non2xx: 0, errors: 0, timeouts: 0, statusCodes: { 200: 1000 } }
const measured = (requestsPerSecond: number, p50Ms: number, p99Ms: number): Measurement => ({
  ...clean,
  requestsPerSecond,
  p50Ms,
  p99Ms,
})

describe('toRows', () => {
  it('compares every scenario with the first, the baseline', () => {
    const rows = toRows([
      { name: 'baseline', measurement: measured(20_000, 2, 9) },
      { name: 'list', measurement: measured(5_000, 10, 40) },
    ])
    expect(rows.map((row) => row.ratio)).toEqual([1, 0.25])
    expect(rows.map((row) => row.met)).toEqual([null, null])
  })

  it('meets the tracking target at half the baseline with p99 under 25 ms', () => {
    const rows = toRows([
      { name: 'baseline', measurement: measured(20_000, 2, 9) },
      { name: 'fast', target: TRACKING_TARGET, measurement: measured(10_000, 3, 24.9) },
      { name: 'slow', target: TRACKING_TARGET, measurement: measured(9_999, 3, 12) },
      { name: 'spiky', target: TRACKING_TARGET, measurement: measured(15_000, 3, 25) },
    ])
    expect(rows.map((row) => row.met)).toEqual([null, true, false, false])
    expect(rows[1]!.target).toBe('≥ 0.5× base, p99 < 25 ms')
  })

  it('gives a zero ratio rather than infinity when the baseline served nothing', () => {
    const rows = toRows([
      { name: 'baseline', measurement: measured(0, 0, 0) },
      { name: 'other', measurement: measured(100, 1, 2) },
    ])
    expect(rows[1]!.ratio).toBe(0)
  })

  it('checks the broker target on events a second, whatever the baseline', () => {
    const rows = toRows([
      { name: 'xadd', unit: 'events', measurement: measured(15_000, 0.04, 0.2) },
      { name: 'ok', unit: 'events', target: BROKER_TARGET, measurement: measured(5_000, 3, 90) },
      { name: 'short', unit: 'events', target: BROKER_TARGET, measurement: measured(4_999, 1, 2) },
    ])
    expect(rows.map((row) => row.met)).toEqual([null, true, false])
    expect(rows.map((row) => row.unit)).toEqual(['events', 'events', 'events'])
    expect(rows[1]!.ratio).toBeCloseTo(1 / 3)
    expect(rows[1]!.target).toBe('≥ 5000 events/s')
  })

  it('compares nothing without a baseline, and checks the socket target on p50 and p99', () => {
    const rows = toRows(
      [
        {
          name: 'ok',
          unit: 'events',
          target: REALTIME_TARGET,
          measurement: measured(20_000, 24.9, 99),
        },
        { name: 'slow half', target: REALTIME_TARGET, measurement: measured(20_000, 25, 40) },
        { name: 'slow tail', target: REALTIME_TARGET, measurement: measured(20_000, 5, 100) },
        { name: 'none', target: REALTIME_TARGET, measurement: measured(0, NaN, NaN) },
      ],
      { baseline: false },
    )
    expect(rows.map((row) => row.ratio)).toEqual([null, null, null, null])
    expect(rows.map((row) => row.met)).toEqual([true, false, false, false])
    expect(rows[0]!.target).toBe('p50 < 25 ms, p99 < 100 ms')
  })

  it('fails a ratio target on a row without a baseline', () => {
    const [row] = toRows([{ name: 'x', target: TRACKING_TARGET, measurement: measured(1, 1, 1) }], {
      baseline: false,
    })
    expect(row!.met).toBe(false)
  })
})

describe('formatTable', () => {
  it('prints a header and one aligned line per scenario, with a dash where there is no target', () => {
    const rows = toRows([
      { name: 'hello world (baseline)', measurement: measured(22_543.5, 2, 13) },
      { name: 'track', target: TRACKING_TARGET, measurement: measured(2_897.25, 19, 53.45) },
    ])
    expect(formatTable(rows).split('\n')).toEqual([
      'scenario                per s  p50 ms  p99 ms  × base  target                    met?',
      'hello world (baseline)  22544       2      13    1.00  —                         —',
      'track                    2897      19    53.5    0.13  ≥ 0.5× base, p99 < 25 ms  no',
    ])
  })

  it('keeps Redis latencies readable below a millisecond, autocannon whole ms as they are, and dashes what was not measured', () => {
    const rows = toRows([
      { name: 'xadd', unit: 'events', measurement: measured(15_000, 0.043, 0.21) },
      { name: 'none', unit: 'events', measurement: measured(0, Number.NaN, Number.NaN) },
      { name: 'whole', measurement: measured(9, 0, 2) },
    ])
    expect(formatTable(rows).split('\n').slice(1)).toEqual([
      'xadd      15000    0.04    0.21    1.00  —       —',
      'none          0       —       —    0.00  —       —',
      'whole         9       0       2    0.00  —       —',
    ])
  })

  it('dashes the ratio of rows with nothing to compare with', () => {
    const rows = toRows([{ name: 'socket', unit: 'events', measurement: measured(20_000, 3, 9) }], {
      baseline: false,
    })
    expect(formatTable(rows).split('\n')[1]).toBe(
      'socket    20000       3       9       —  —       —',
    )
  })
})

describe('brokenRows', () => {
  it('names each scenario with errors, timeouts or non-2xx answers, with their statuses', () => {
    const rows = toRows([
      { name: 'baseline', measurement: measured(20_000, 2, 9) },
      {
        name: 'list',
        measurement: {
          ...measured(50, 1, 2),
          non2xx: 40,
          statusCodes: { 200: 10, 401: 40 },
        },
      },
      { name: 'post', measurement: { ...measured(50, 1, 2), errors: 3, timeouts: 1 } },
    ])
    expect(brokenRows(rows)).toEqual([
      'list: 40 non-2xx (401×40), 0 errors, 0 timeouts',
      'post: 0 non-2xx, 3 errors, 1 timeouts',
    ])
  })

  it('names broker rows whose accepted events never reached the subscriber', () => {
    const rows = toRows([
      { name: 'xadd', measurement: measured(20_000, 0.1, 0.2) },
      { name: 'delivered', measurement: { ...measured(4_000, 5, 9), undelivered: 12 } },
      { name: 'all there', measurement: { ...measured(4_000, 5, 9), undelivered: 0 } },
    ])
    expect(brokenRows(rows)).toEqual([
      'delivered: 0 non-2xx, 0 errors, 0 timeouts, 12 events never delivered',
    ])
  })
})

describe('cpuLines', () => {
  it("says each row's CPU a request, in the rows' order", () => {
    const rows = [{ name: 'hello world (baseline)' }, { name: 'GET /api/shipments/track/:number' }]
    expect(cpuLines(rows, [34, 81])).toBe(
      'hello world (baseline): 34 µs of CPU a request\n' +
        'GET /api/shipments/track/:number: 81 µs of CPU a request',
    )
  })
})
