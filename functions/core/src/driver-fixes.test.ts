import { describe, expect, it } from 'vitest'
import { movesForward, perDriverInTimeOrder } from './driver-fixes'

const at = (iso: string) => new Date(`2026-11-26T10:${iso}Z`)
const ping = (driverId: string, time: string, id = time) => ({
  id,
  fix: { driverId, recordedAt: at(time) },
})

describe('perDriverInTimeOrder', () => {
  it('puts a batch sent after a dead zone back in the order its fixes were taken', () => {
    const batch = [ping('ana', '00:30'), ping('ana', '00:10'), ping('ana', '00:20')]

    expect(perDriverInTimeOrder(batch).map((pings) => pings.map((p) => p.id))).toEqual([
      ['00:10', '00:20', '00:30'],
    ])
  })

  it('orders each driver on their own, in the order the drivers first appear', () => {
    const mixed = [ping('bruno', '00:20'), ping('ana', '00:40'), ping('bruno', '00:05')]

    expect(perDriverInTimeOrder(mixed).map((pings) => pings.map((p) => p.id))).toEqual([
      ['00:05', '00:20'],
      ['00:40'],
    ])
  })

  it('keeps fixes taken at the same moment in the order they came', () => {
    const batch = [ping('ana', '00:10', 'first'), ping('ana', '00:10', 'second')]

    expect(perDriverInTimeOrder(batch)[0]!.map((p) => p.id)).toEqual(['first', 'second'])
  })

  it('leaves the caller’s list as it was', () => {
    const batch = [ping('ana', '00:30'), ping('ana', '00:10')]
    perDriverInTimeOrder(batch)

    expect(batch.map((p) => p.id)).toEqual(['00:30', '00:10'])
  })
})

describe('movesForward', () => {
  it('takes any fix of a driver nothing is known of', () => {
    expect(movesForward(undefined, { recordedAt: at('00:10') })).toBe(true)
  })

  it('takes a fix taken after the latest one', () => {
    expect(movesForward({ recordedAt: at('00:10') }, { recordedAt: at('00:11') })).toBe(true)
  })

  it('never moves a driver back to an older fix, nor again to the same moment', () => {
    expect(movesForward({ recordedAt: at('00:10') }, { recordedAt: at('00:09') })).toBe(false)
    expect(movesForward({ recordedAt: at('00:10') }, { recordedAt: at('00:10') })).toBe(false)
  })
})
