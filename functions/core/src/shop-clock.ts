import { TZDate } from '@date-fns/tz'

// A wall-clock time as spreadsheets and `datetime-local` inputs write it: `2026-07-14 14:00`
// or `2026-07-14T14:00`, seconds optional.
const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/

/**
 * The instant a wall-clock time names on the shop's clock (`timeZone`, IANA), whatever the
 * zone of the machine reading it; null when it is no such time, or a day that does not exist
 * (30 February). A time skipped when clocks go forward lands an hour on, as clocks do.
 *
 * @example
 * instantOnShopClock('2026-07-14 14:00', 'Europe/Lisbon') // 2026-07-14T13:00:00.000Z
 */
export function instantOnShopClock(local: string, timeZone: string): Date | null {
  const parts = WALL_CLOCK.exec(local)
  if (!parts) return null
  const [year, month, day, hour, minute, second] = parts.slice(1).map((part) => Number(part ?? 0))
  const wall = new TZDate(year!, month! - 1, day!, hour!, minute!, second!, timeZone)
  // Date rolls 2026-02-30 over into March: a day or time that does not exist is refused.
  const kept =
    wall.getFullYear() === year &&
    wall.getMonth() === month! - 1 &&
    wall.getDate() === day &&
    wall.getMinutes() === minute
  return kept && !Number.isNaN(wall.getTime()) ? new Date(wall.getTime()) : null
}
