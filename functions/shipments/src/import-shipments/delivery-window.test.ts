import { describe, expect, it } from 'vitest'
import { deliveryWindowOf } from './delivery-window'

describe('a delivery window from two CSV cells', () => {
  it('is none when both cells are blank', () => {
    expect(deliveryWindowOf('', '', 'Europe/Lisbon')).toEqual({ window: null })
  })

  it("reads a time without an offset on the shop's clock, summer and winter", () => {
    expect(deliveryWindowOf('2026-07-14 14:00', '2026-07-14 16:30', 'Europe/Lisbon')).toEqual({
      window: { from: '2026-07-14T13:00:00.000Z', to: '2026-07-14T15:30:00.000Z' },
    })
    expect(deliveryWindowOf('2026-01-14T09:00', '2026-01-14 11:00:00', 'Europe/Lisbon')).toEqual({
      window: { from: '2026-01-14T09:00:00.000Z', to: '2026-01-14T11:00:00.000Z' },
    })
    expect(deliveryWindowOf('2026-07-14 14:00', '2026-07-14 16:00', 'America/New_York')).toEqual({
      window: { from: '2026-07-14T18:00:00.000Z', to: '2026-07-14T20:00:00.000Z' },
    })
  })

  it('takes an instant with an offset as it is, whatever the shop’s zone', () => {
    expect(
      deliveryWindowOf('2026-07-14T13:00:00Z', '2026-07-14T16:00+02:00', 'Europe/Lisbon'),
    ).toEqual({ window: { from: '2026-07-14T13:00:00.000Z', to: '2026-07-14T14:00:00.000Z' } })
  })

  it('names the column of each problem', () => {
    expect(deliveryWindowOf('2026-07-14 14:00', '', 'UTC')).toEqual({
      problems: [{ column: 'window_to', message: 'is needed when the other end is given' }],
    })
    expect(deliveryWindowOf('tomorrow', '14/07/2026 16:00', 'UTC')).toEqual({
      problems: [
        { column: 'window_from', message: expect.stringMatching(/must be a time/) },
        { column: 'window_to', message: expect.stringMatching(/must be a time/) },
      ],
    })
    expect(deliveryWindowOf('2026-02-30 10:00', '2026-03-01 10:00', 'UTC')).toEqual({
      problems: [{ column: 'window_from', message: expect.stringMatching(/must be a time/) }],
    })
    expect(deliveryWindowOf('2026-07-14 16:00', '2026-07-14 14:00', 'UTC')).toEqual({
      problems: [{ column: 'window_to', message: 'must be after window_from' }],
    })
  })
})
