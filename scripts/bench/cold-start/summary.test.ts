import { describe, expect, it } from 'vitest'
import { toRows } from '../report'
import { coldStartDetails, coldStartNotes, coldStartRows, median } from './summary'

const samples = {
  bare: [30, 32, 31, 29, 35],
  functions: { me: [60, 75, 70, 68, 90], login: [140, 150, 145, 160, 139] },
  rssBytes: { bare: 43 * 2 ** 20, me: 65 * 2 ** 20, login: 84 * 2 ** 20 },
}

describe('cold-start figures', () => {
  it('take the median, the middle pair’s mean for an even count', () => {
    expect(median([3, 1, 2])).toBe(2)
    expect(median([4, 1, 3, 2])).toBe(2.5)
    expect(median([])).toBeNaN()
  })

  it('hold every function to the bare server’s median of the same run plus 40 ms', () => {
    const rows = toRows(coldStartRows(samples), { baseline: false })
    expect(rows.map((row) => row.scenario)).toEqual([
      'cold start: bare node -e server (baseline)',
      'cold start: me',
      'cold start: login',
    ])
    expect(rows[0]).toMatchObject({ p50Ms: 31, p99Ms: 35, target: null, met: null })
    expect(rows[1]).toMatchObject({ p50Ms: 70, p99Ms: 90, target: 'p50 < 71 ms', met: true })
    expect(rows[2]).toMatchObject({ p50Ms: 145, target: 'p50 < 71 ms', met: false })
    expect(rows[2]!.requests).toBe(5)
  })

  it('name the functions whose idle memory misses its target', () => {
    const notes = coldStartNotes(coldStartDetails(samples))
    expect(notes).toContain('5 times')
    expect(notes).toContain('(31 ms in this run) + 40 ms')
    expect(notes).toContain('bare 43 MB; functions 65–84 MB (target < 70 MB: not met by login)')
  })
})
