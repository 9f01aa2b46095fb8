import type { VolumeRow } from '@dropmate/contracts/rest/analytics'

export const WEEKDAYS = [
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
] as const

export const percent = (rate: number | null) =>
  rate === null ? '–' : `${(rate * 100).toFixed(1)} %`

export const minutes = (value: number | null) => (value === null ? '–' : `${value.toFixed(1)} min`)

/** Every hour of the day, 0 to 23, with the attempts of all weekdays in it. */
export function hourTotals(cells: VolumeRow[]) {
  return Array.from({ length: 24 }, (_, hour) =>
    totalOf(
      cells.filter((c) => c.hour === hour),
      { hour },
    ),
  )
}

/** Every weekday, Monday (1) to Sunday (7), with the attempts of all its hours. */
export function weekdayTotals(cells: VolumeRow[]) {
  return Array.from({ length: 7 }, (_, i) =>
    totalOf(
      cells.filter((c) => c.weekday === i + 1),
      { weekday: i + 1 },
    ),
  )
}

function totalOf<T extends object>(cells: VolumeRow[], key: T) {
  return {
    ...key,
    deliveries: cells.reduce((sum, c) => sum + c.deliveries, 0),
    failures: cells.reduce((sum, c) => sum + c.failures, 0),
  }
}

/** Today's date (YYYY-MM-DD) on the shop's clock. */
export function shopToday(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, dateStyle: 'short' }).format(now)
}

/** The day `days` before `day` (YYYY-MM-DD). */
export function daysBefore(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`)
  date.setUTCDate(date.getUTCDate() - days)
  return date.toISOString().slice(0, 10)
}
