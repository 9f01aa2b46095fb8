// Emails and labels are in English; en-GB reads "Tue 24 Nov" and 24-hour "14:05" in every zone.
const LOCALE = 'en-GB'

/**
 * Times as a customer reads them in an email: by the shop's clock (SHOP_TIME_ZONE), named
 * after the zone's city, since a receiver in another zone would otherwise guess.
 *
 * @example
 * shopTime('Europe/Lisbon').between('2026-07-14T13:05:00Z', '2026-07-14T13:20:00Z')
 * // 'Tue 14 Jul, 14:05–14:20 (Lisbon time)'
 */
export function shopTime(timeZone: string) {
  const day = new Intl.DateTimeFormat(LOCALE, {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
  })
  const clock = new Intl.DateTimeFormat(LOCALE, {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  })
  // "America/Argentina/Buenos_Aires" is "Buenos Aires time"; "UTC" stays "UTC time".
  const zone = `(${timeZone.split('/').at(-1)!.replaceAll('_', ' ')} time)`
  const dayOf = (iso: string) => day.format(new Date(iso))
  const clockOf = (iso: string) => clock.format(new Date(iso))
  return {
    /** "14:05 (Lisbon time)" */
    at: (iso: string) => `${clockOf(iso)} ${zone}`,
    /** "Tue 14 Jul, 14:05–14:20 (Lisbon time)"; both days when the window spans midnight. */
    between(from: string, to: string) {
      if (dayOf(from) === dayOf(to))
        return `${dayOf(from)}, ${clockOf(from)}–${clockOf(to)} ${zone}`
      return `${dayOf(from)} ${clockOf(from)} – ${dayOf(to)} ${clockOf(to)} ${zone}`
    },
  }
}
