import { describe, expect, it } from 'vitest'
import { BytesOverTime } from './bytes'

describe('bytes over time', () => {
  it('sums the bytes taken within a window, edges to the tenth of a second', () => {
    const bytes = new BytesOverTime()
    bytes.add(999, 1)
    bytes.add(1_000, 10)
    bytes.add(1_950, 100)
    bytes.add(2_000, 1_000)
    expect(bytes.between(1_000, 2_000)).toBe(110)
    expect(bytes.between(0, 5_000)).toBe(1_111)
    bytes.clear()
    expect(bytes.between(0, 5_000)).toBe(0)
  })
})
