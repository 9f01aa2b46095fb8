import { describe, expect, it } from 'vitest'
import { formatSlot, formatSlotForPeople, fromShopLocal, toShopLocal } from './shop-clock'

describe('the shop clock', () => {
  it('shows instants in the shop zone and reads them back', () => {
    expect(toShopLocal('2026-07-14T13:00:00Z', 'Europe/Lisbon')).toBe('2026-07-14T14:00')
    expect(fromShopLocal('2026-07-14T14:00', 'Europe/Lisbon')).toBe('2026-07-14T13:00:00.000Z')
    expect(fromShopLocal('2026-01-14T14:00', 'Europe/Lisbon')).toBe('2026-01-14T14:00:00.000Z')
    expect(fromShopLocal('2026-07-14T14:00', 'America/New_York')).toBe('2026-07-14T18:00:00.000Z')
    expect(fromShopLocal('2026-07-14T14:00', 'UTC')).toBe('2026-07-14T14:00:00.000Z')
  })

  it('lands right on the day clocks go back and forward', () => {
    // Lisbon: 29 Mar 2026 01:00 → 02:00 (UTC+1); 25 Oct 2026 02:00 → 01:00 (UTC+0).
    expect(fromShopLocal('2026-03-29T03:00', 'Europe/Lisbon')).toBe('2026-03-29T02:00:00.000Z')
    expect(fromShopLocal('2026-10-25T03:00', 'Europe/Lisbon')).toBe('2026-10-25T03:00:00.000Z')
  })

  it('writes a slot on one day once, and both days across midnight', () => {
    const slot = { from: '2026-07-14T13:00:00Z', to: '2026-07-14T15:00:00Z' }
    expect(formatSlot(slot, 'Europe/Lisbon')).toBe('14 Jul 14:00–16:00')
    expect(formatSlot({ ...slot, to: '2026-07-14T23:30:00Z' }, 'Europe/Lisbon')).toBe(
      '14 Jul 14:00 – 15 Jul 00:30',
    )
  })

  it('names the shop zone to people whose phone keeps another', () => {
    const slot = { from: '2026-07-14T13:00:00Z', to: '2026-07-14T15:00:00Z' }
    expect(formatSlotForPeople(slot, 'Europe/Lisbon', 'Europe/Lisbon')).toBe('14 Jul 14:00–16:00')
    expect(formatSlotForPeople(slot, 'Europe/Lisbon', 'UTC')).toBe(
      '14 Jul 14:00–16:00, Lisbon time',
    )
    expect(formatSlotForPeople(slot, 'America/New_York', 'UTC')).toBe(
      '14 Jul 09:00–11:00, New York time',
    )
  })
})
