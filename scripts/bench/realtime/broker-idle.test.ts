import { describe, expect, it } from 'vitest'
import { countsSince } from './broker-idle'

describe('countsSince', () => {
  it('gives what the dispatcher did between two readings, from zero when there was none', () => {
    const before = { delivered: 10, retried: 1, deadLettered: 0, replies: 0 }
    const after = { delivered: 25, retried: 3, deadLettered: 1, replies: 0 }
    expect(countsSince(before, after)).toEqual({
      delivered: 15,
      retried: 2,
      deadLettered: 1,
      replies: 0,
    })
    expect(countsSince(undefined, after)).toEqual(after)
  })
})
