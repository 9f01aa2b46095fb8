import { describe, expect, it } from 'vitest'
import { pingKey } from './latency'
import { pingLog } from './pings'

const drivers = [
  { driverId: 'a', token: 'token-a' },
  { driverId: 'b', token: 'token-b' },
  { driverId: 'c', token: 'token-c' },
]

function clockFrom(start: number) {
  let now = start
  return () => (now += 1.25)
}

describe('pingLog', () => {
  it('sends as each driver in turn, stamped with the moment it leaves', () => {
    const log = pingLog({ drivers, tracked: new Set(), measuredFrom: 0, clock: clockFrom(1_000) })
    const [first, second, , fourth] = [0, 1, 2, 3].map((n) => log.build(n))
    expect(first!.path).toBe('/api/locations')
    expect(first!.headers).toMatchObject({
      authorization: 'Bearer token-a',
      'ce-subject': 'a',
      'ce-time': new Date(1_001.25).toISOString(),
    })
    expect(second!.headers['ce-subject']).toBe('b')
    expect(fourth!.headers['ce-subject']).toBe('a')
  })

  it('keeps the exact send time of measured pings by driver and recorded millisecond', () => {
    const log = pingLog({ drivers, tracked: new Set(), measuredFrom: 2, clock: clockFrom(1_000) })
    for (let n = 0; n < 4; n++) log.build(n)
    expect([...log.toDispatchers]).toEqual([
      [pingKey('c', 1_003), 1_003.75],
      [pingKey('a', 1_005), 1_005],
    ])
    expect(log.measured).toEqual([
      { driverId: 'c', recordedAtMs: 1_003 },
      { driverId: 'a', recordedAtMs: 1_005 },
    ])
    expect(log.built()).toEqual({ all: 4, tracked: 0 })
  })

  it('expects on tracking pages only the pings of drivers whose parcel is followed', () => {
    const tracked = new Set(['b'])
    const log = pingLog({ drivers, tracked, measuredFrom: 0, clock: clockFrom(0) })
    for (let n = 0; n < 6; n++) log.build(n)
    expect([...log.toTracking.keys()].map((key) => key.split(' ')[0])).toEqual(['b', 'b'])
    expect(log.toDispatchers.size).toBe(6)
    expect(log.built()).toEqual({ all: 6, tracked: 2 })
  })
})
