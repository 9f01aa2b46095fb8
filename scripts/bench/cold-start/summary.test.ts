import { describe, expect, it } from 'vitest'
import { formatTable, toRows } from '../report'
import { coldStartDetails, coldStartNotes, coldStartRows, median } from './summary'

const samples = {
  bare: [30, 32, 31, 29, 35],
  bareWeb: [80, 78, 85, 79, 90],
  functions: { me: [60, 75, 70, 68, 90], login: [140, 150, 145, 160, 139] },
  firstQuery: { me: [80, 95, 90, 88], login: [170, 180, 175, 190] },
  rssBytes: { bare: 43 * 2 ** 20, bareWeb: 50 * 2 ** 20, me: 65 * 2 ** 20, login: 84 * 2 ** 20 },
}

describe('cold-start figures', () => {
  it('take the median, the middle pair’s mean for an even count', () => {
    expect(median([3, 1, 2])).toBe(2)
    expect(median([4, 1, 3, 2])).toBe(2.5)
    expect(median([])).toBeNaN()
  })

  it('hold every function to the bare server’s median of the same run plus 40 ms, and 70 MB', () => {
    const rows = toRows(coldStartRows(samples), { baseline: false })
    expect(rows.map((row) => row.scenario)).toEqual([
      'cold start: bare node -e server (baseline)',
      'cold start: bare server with web Request/Response',
      'cold start: me',
      'cold start: login',
    ])
    expect(rows[0]).toMatchObject({ p50Ms: 31, p99Ms: 35, rssMb: 43, target: null, met: null })
    expect(rows[1]).toMatchObject({ p50Ms: 80, rssMb: 50, target: null, met: null })
    const target = 'p50 < 71 ms, RSS < 70 MB'
    expect(rows[2]).toMatchObject({ p50Ms: 70, p99Ms: 90, rssMb: 65, target, met: true })
    expect(rows[3]).toMatchObject({ p50Ms: 145, rssMb: 84, target, met: false })
    expect(rows[3]!.requests).toBe(5)
  })

  it('miss the memory target alone when a start is fast but its RSS is not', () => {
    const heavy = { ...samples, rssBytes: { ...samples.rssBytes, me: 71 * 2 ** 20 } }
    const [, , me] = toRows(coldStartRows(heavy), { baseline: false })
    expect(me).toMatchObject({ p50Ms: 70, met: false })
  })

  it('print memory in a column of its own', () => {
    const table = formatTable(toRows(coldStartRows(samples), { baseline: false }))
    expect(table.split('\n')[0]).toMatch(/× base {2}RSS MB {2}target/)
    expect(table.split('\n')[3]).toMatch(/ 65 {2}p50 < 71 ms, RSS < 70 MB {2}yes$/)
  })

  it('tell the first query’s time as information, with the slowest function', () => {
    const notes = coldStartNotes(coldStartDetails(samples))
    expect(notes).toContain('5 times')
    expect(notes).toContain('(31 ms in this run) + 40 ms')
    expect(notes).toContain('under 70 MB resident')
    expect(notes).toContain('a median 80 ms after spawn, 49 ms after the bare server')
    expect(notes).toContain('answers a median 133 ms after spawn over the functions')
    expect(notes).toContain('(slowest login, 178 ms)')
  })
})
