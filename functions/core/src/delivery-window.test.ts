import { describe, expect, it } from 'vitest'
import { runsPastSlot, slotStanding, windowFault } from './delivery-window'

const slot = { from: '2026-07-14T14:00:00.000Z', to: '2026-07-14T16:00:00.000Z' }

describe('a delivery slot', () => {
  it('is a slot from a quarter of an hour to a day long, ending after it starts', () => {
    expect(windowFault(slot)).toBeNull()
    expect(windowFault({ from: slot.to, to: slot.from })).toBe('must end after it starts')
    expect(windowFault({ from: slot.from, to: slot.from })).toBe('must end after it starts')
    expect(windowFault({ from: slot.from, to: '2026-07-14T14:10:00.000Z' })).toMatch(/15 minutes/)
    expect(windowFault({ from: slot.from, to: '2026-07-15T14:00:01.000Z' })).toMatch(/24 hours/)
  })

  it('compares instants, whatever offset they are written in', () => {
    expect(windowFault({ from: '2026-07-14T15:00:00+01:00', to: '2026-07-14T14:10:00Z' })).toBe(
      'must last at least 15 minutes',
    )
  })
})

describe('a parcel against its slot', () => {
  it('runs past the slot when its arrival window ends after the slot does', () => {
    const end = new Date(slot.to)
    expect(runsPastSlot({ latest: '2026-07-14T16:05:00.000Z' }, end)).toBe(true)
    expect(runsPastSlot({ latest: '2026-07-14T16:00:00.000Z' }, end)).toBe(false)
  })

  it('is late once the slot ended undelivered, at risk while marked so, and neither when done', () => {
    const during = new Date('2026-07-14T15:00:00.000Z')
    const after = new Date('2026-07-14T16:01:00.000Z')
    const parcel = { status: 'in_transit' as const, deliveryWindow: slot, atRiskAt: null }
    expect(slotStanding(parcel, during)).toBeNull()
    expect(slotStanding({ ...parcel, atRiskAt: during.toISOString() }, during)).toBe('at_risk')
    expect(slotStanding(parcel, after)).toBe('late')
    expect(slotStanding({ ...parcel, status: 'pending' }, after)).toBe('late')
    expect(slotStanding({ ...parcel, status: 'delivered' }, after)).toBeNull()
    expect(slotStanding({ ...parcel, deliveryWindow: null }, after)).toBeNull()
  })
})
