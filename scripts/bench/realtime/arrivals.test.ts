import { describe, expect, it } from 'vitest'
import { firstCovering, matchLatestWins, receivedByPing, SocketArrivals } from './arrivals'
import { copiesIn, latencyPercentile } from './histogram'

const START = 1_000_000

describe('matching positions to pings, latest wins', () => {
  it('takes the first position at least as new as the ping', () => {
    expect(firstCovering([START, START + 20, START + 5000, START + 5010], START)).toBe(START + 20)
    expect(firstCovering([START + 5000, START + 5010], START)).toBe(START + 5010)
    expect(firstCovering([START - 5000, START - 4990], START)).toBeUndefined()
  })

  it('counts a newer position that overtook an older one as delivering both', () => {
    const pairs = [START + 100, START + 130, START, START + 400]
    expect(firstCovering(pairs, START)).toBe(START + 130)
  })

  it('holds a dispatcher to every ping and a tracking socket to its own driver', () => {
    const dispatcher = new SocketArrivals()
    dispatcher.note('a', START, START + 12)
    const tracking = new SocketArrivals('b')
    tracking.note('b', START + 1500, START + 1530)
    const pings = [
      { driverId: 'a', recordedAtMs: START },
      { driverId: 'b', recordedAtMs: START + 1500 },
    ]
    const toDispatchers = matchLatestWins([dispatcher], pings, START)
    expect(copiesIn(toDispatchers.total)).toBe(2)
    expect(toDispatchers.total.missing).toBe(1)
    expect(latencyPercentile(toDispatchers.total, 50)).toBe(12)
    const toTracking = matchLatestWins([tracking], pings, START)
    expect(copiesIn(toTracking.total)).toBe(1)
    expect(toTracking.bySecond[1]).toEqual({ counts: [[30, 1]], missing: 0 })
    expect(toTracking.bySecond[0]).toEqual({ counts: [], missing: 0 })
  })

  it('merges every socket by ping for the realtime run', () => {
    const one = new SocketArrivals()
    const two = new SocketArrivals()
    one.note('a', START, START + 9)
    two.note('a', START, START + 4)
    expect(receivedByPing([one, two])).toEqual({ [`a ${START}`]: [START + 4, START + 9] })
  })
})
