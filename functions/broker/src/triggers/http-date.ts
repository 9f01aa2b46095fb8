const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
const TIME = String.raw`(\d{2}):(\d{2}):(\d{2})`
const MONTH = `(${MONTHS.join('|')})`
/** The three forms RFC 9110 §5.6.7 obliges recipients to accept, all in GMT. */
const IMF_FIXDATE = new RegExp(
  `^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\\d{2}) ${MONTH} (\\d{4}) ${TIME} GMT$`,
)
const RFC850 = new RegExp(
  `^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), (\\d{2})-${MONTH}-(\\d{2}) ${TIME} GMT$`,
)
const ASCTIME = new RegExp(
  `^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) ${MONTH} ([ \\d]\\d) ${TIME} (\\d{4})$`,
)

/**
 * Parses an HTTP-date strictly. `Date.parse` is not used: outside ISO 8601 its accepted forms
 * are implementation-defined, and it reads asctime dates as local time where HTTP means GMT.
 */
export function parseHttpDate(value: string, now: Date = new Date()): Date | undefined {
  let m = IMF_FIXDATE.exec(value)
  if (m) return utc(Number(m[3]), m[2], m[1], m.slice(4, 7))
  m = RFC850.exec(value)
  if (m) return utc(fullYear(Number(m[3]), now), m[2], m[1], m.slice(4, 7))
  m = ASCTIME.exec(value)
  if (m) return utc(Number(m[6]), m[1], m[2], m.slice(3, 6))
  return undefined
}

/** RFC 9110: a two-digit year more than 50 years ahead is the latest past year ending so. */
function fullYear(twoDigits: number, now: Date): number {
  const century = now.getUTCFullYear() - (now.getUTCFullYear() % 100)
  const year = century + twoDigits
  return year > now.getUTCFullYear() + 50 ? year - 100 : year
}

function utc(
  year: number,
  monthName: string | undefined,
  dayText: string | undefined,
  time: (string | undefined)[],
): Date | undefined {
  const month = MONTHS.indexOf(monthName ?? '')
  const day = Number(dayText?.trim())
  const [hours, minutes, seconds] = time.map(Number) as [number, number, number]
  if (hours > 23 || minutes > 59 || seconds > 60) return undefined
  const date = new Date(Date.UTC(year, month, day, hours, minutes, Math.min(seconds, 59)))
  if (date.getUTCDate() !== day || date.getUTCMonth() !== month) return undefined
  // A leap second (:60) is a legal HTTP-date; Date has none, so it counts as the next second.
  return seconds === 60 ? new Date(date.getTime() + 1000) : date
}
