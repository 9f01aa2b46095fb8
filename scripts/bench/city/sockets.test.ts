import { describe, expect, it } from 'vitest'
import { shareOut } from './sockets'

describe('sharing sockets out over processes', () => {
  it('deals every dispatcher and parcel once, as evenly as they go', () => {
    const shares = shareOut(
      4,
      50,
      Array.from({ length: 4_950 }, (_, i) => i),
    )
    expect(shares.map((share) => share.dispatchers)).toEqual([12, 13, 12, 13])
    expect(shares.map((share) => share.tracked.length)).toEqual([1237, 1238, 1237, 1238])
    expect(shares.flatMap((share) => share.tracked)).toEqual(
      Array.from({ length: 4_950 }, (_, i) => i),
    )
  })
})
