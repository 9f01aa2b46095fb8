import { instantOnShopClock } from '@dropmate/core'

/**
 * The instants a range of whole days on the shop's clock covers: from the first day's
 * midnight to the midnight after the last, so a day of a clock change is 23 or 25 hours long;
 * null for days the calendar cannot place (year 0, or past 9999).
 *
 * @example
 * shopDays('2026-03-29', '2026-03-29', 'Europe/Lisbon')
 * // { from: 2026-03-29T00:00:00Z, to: 2026-03-29T23:00:00Z }
 */
export function shopDays(
  first: string,
  last: string,
  timeZone: string,
): { from: Date; to: Date } | null {
  const from = instantOnShopClock(`${first} 00:00`, timeZone)
  const to = instantOnShopClock(`${dayAfter(last)} 00:00`, timeZone)
  return from && to ? { from, to } : null
}

/** The calendar day after `day` (YYYY-MM-DD). */
export function dayAfter(day: string): string {
  const next = new Date(`${day}T00:00:00Z`)
  next.setUTCDate(next.getUTCDate() + 1)
  return next.toISOString().slice(0, 10)
}

/** How many calendar days from `first` to `last`, both counted. */
export function daysBetween(first: string, last: string): number {
  return (Date.parse(`${last}T00:00:00Z`) - Date.parse(`${first}T00:00:00Z`)) / 86_400_000 + 1
}
