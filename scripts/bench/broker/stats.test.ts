import { describe, expect, it } from 'vitest'
import { dueBy, percentile, perSecond } from './stats'

describe('percentile', () => {
  it('takes the nearest rank, whatever the order of the values', () => {
    const values = [9, 1, 8, 2, 7, 3, 6, 4, 5, 10]
    expect(percentile(values, 50)).toBe(5)
    expect(percentile(values, 99)).toBe(10)
    expect(percentile(values, 0)).toBe(1)
    expect(values[0]).toBe(9)
  })

  it('gives the only value of one, and NaN for none', () => {
    expect(percentile([4.2], 99)).toBe(4.2)
    expect(percentile([], 50)).toBeNaN()
  })

  it('sorts numerically, not as text', () => {
    expect(percentile([10, 9, 100], 50)).toBe(10)
  })
})

describe('perSecond', () => {
  it('scales a count over milliseconds to a rate, and an empty window to 0', () => {
    expect(perSecond(40_000, 8_000)).toBe(5_000)
    expect(perSecond(3, 0)).toBe(0)
  })
})

describe('dueBy', () => {
  it('paces sends evenly and stops at the total', () => {
    expect(dueBy(0, 1_000, 8_000)).toBe(0)
    expect(dueBy(2.5, 1_000, 8_000)).toBe(2)
    expect(dueBy(1_000, 1_000, 8_000)).toBe(1_000)
    expect(dueBy(60_000, 1_000, 8_000)).toBe(8_000)
  })

  it('climbs to the rate over the ramp, then keeps it', () => {
    // 1,000 a second reached after 2 s: 1,000 sent by then, at full rate from there.
    expect(dueBy(1_000, 1_000, Infinity, 2_000)).toBe(250)
    expect(dueBy(2_000, 1_000, Infinity, 2_000)).toBe(1_000)
    expect(dueBy(3_000, 1_000, Infinity, 2_000) - dueBy(2_000, 1_000, Infinity, 2_000)).toBe(1_000)
    expect(dueBy(-5, 1_000, Infinity, 2_000)).toBe(0)
  })
})
