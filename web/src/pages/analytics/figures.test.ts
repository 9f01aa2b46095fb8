import { describe, expect, it } from 'vitest'
import { daysBefore, hourTotals, shopToday, weekdayTotals } from './figures'

describe('the analytics page’s figures', () => {
  const cells = [
    { weekday: 1, hour: 9, deliveries: 2, failures: 1 },
    { weekday: 3, hour: 9, deliveries: 1, failures: 0 },
    { weekday: 3, hour: 17, deliveries: 4, failures: 2 },
  ]

  it('adds the weekdays up per hour and the hours up per weekday, empty ones included', () => {
    const hours = hourTotals(cells)
    expect(hours).toHaveLength(24)
    expect(hours[9]).toEqual({ hour: 9, deliveries: 3, failures: 1 })
    expect(hours[17]).toEqual({ hour: 17, deliveries: 4, failures: 2 })
    expect(hours[0]).toEqual({ hour: 0, deliveries: 0, failures: 0 })
    expect(weekdayTotals(cells).map((d) => d.deliveries)).toEqual([2, 0, 5, 0, 0, 0, 0])
  })

  it('takes today from the shop’s clock, not the browser’s', () => {
    // 23:30 UTC on 14 July is already the 15th in Lisbon and still the 14th in New York.
    const late = new Date('2026-07-14T23:30:00Z')
    expect(shopToday('Europe/Lisbon', late)).toBe('2026-07-15')
    expect(shopToday('America/New_York', late)).toBe('2026-07-14')
    expect(daysBefore('2026-03-01', 1)).toBe('2026-02-28')
  })
})
