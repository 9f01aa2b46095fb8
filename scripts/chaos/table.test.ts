import { describe, expect, it } from 'vitest'
import type { Verdict } from './checks'
import { formatCounts, formatFindings, formatTable } from './table'

const zero = { writes: 0, events: 0, emails: 0, arrivals: 0, pings: 0 }
const clean: Verdict = {
  lost: zero,
  duplicated: zero,
  badErrors: 0,
  slowestErrorMs: 0,
  unanswered: 0,
  screensBehind: 0,
  fatal: 0,
  failures: [],
}

describe('the chaos table', () => {
  it('gives a total with its kinds, or 0', () => {
    expect(formatCounts(zero)).toBe('0')
    expect(formatCounts({ ...zero, pings: 3, emails: 2 })).toBe('5 (emails 2, pings 3)')
  })

  it('prints one aligned line per scenario with its result', () => {
    const table = formatTable([
      {
        scenario: 'server-kill',
        load: '4 parcels',
        fault: 'kill -9 server',
        verdict: { ...clean, unanswered: 12 },
        recoveryMs: 2_600,
      },
      {
        scenario: 'redis-restart',
        load: '4 parcels',
        fault: 'Redis killed 3 s',
        verdict: {
          ...clean,
          lost: { ...zero, pings: 1 },
          badErrors: 1,
          slowestErrorMs: 1674,
          screensBehind: 2,
          failures: ['x'],
        },
        recoveryMs: null,
      },
    ])
    const lines = table.split('\n')
    expect(lines[0]).toMatch(
      /^scenario\s+load\s+fault\s+lost\s+duplicated\s+recovery\s+errors\s+no answer\s+sockets behind\s+fatal\s+result$/,
    )
    expect(lines[2]).toMatch(
      /^server-kill\s+4 parcels\s+kill -9 server\s+0\s+0\s+2\.6 s\s+0 \(slowest 0 ms\)\s+12\s+0\s+0\s+ok$/,
    )
    expect(lines[3]).toMatch(
      /^redis-restart .*1 \(pings 1\)\s+0\s+never\s+1 \(slowest 1674 ms\)\s+0\s+2\s+0\s+FAIL$/,
    )
    expect(lines[2]!.indexOf('kill -9')).toBe(lines[3]!.indexOf('Redis'))
  })

  it('lists a few findings of each kind, so one flood does not hide the others', () => {
    const pings = Array.from({ length: 6 }, (_, i) => `lost ping p${i} (202) in history`)
    const text = formatFindings('postgres-restart', [...pings, 'lost email "x" to y', 'crash: z'])
    expect(text.split('\n')).toEqual([
      'postgres-restart:',
      '  - lost ping p0 (202) in history',
      '  - lost ping p1 (202) in history',
      '  - lost ping p2 (202) in history',
      '  - lost ping p3 (202) in history',
      '  … and 2 more of these',
      '  - lost email "x" to y',
      '  - crash: z',
    ])
  })
})
