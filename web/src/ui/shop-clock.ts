/**
 * Times by the shop's clock (SHOP_TIME_ZONE, from /config.json), whatever the zone of the
 * browser: a dispatcher abroad still promises slots in the shop's hours.
 */

import { instantOnShopClock } from '@dropmate/core/shop-clock'

const wallClock = (timeZone: string) =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  })

/**
 * An instant as a `datetime-local` input shows it, by the shop's clock.
 *
 * @example
 * toShopLocal('2026-07-14T13:00:00Z', 'Europe/Lisbon') // '2026-07-14T14:00'
 */
export function toShopLocal(iso: string, timeZone: string): string {
  const parts = Object.fromEntries(
    wallClock(timeZone)
      .formatToParts(new Date(iso))
      .map((part) => [part.type, part.value]),
  )
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`
}

/**
 * The instant a `datetime-local` value names on the shop's clock, as ISO 8601 (a time skipped
 * when clocks go forward lands an hour on, as clocks do).
 *
 * @example
 * fromShopLocal('2026-07-14T14:00', 'Europe/Lisbon') // '2026-07-14T13:00:00.000Z'
 */
export function fromShopLocal(local: string, timeZone: string): string {
  const instant = instantOnShopClock(local, timeZone)
  if (!instant) throw new RangeError(`not a time on the shop's clock: ${local}`)
  return instant.toISOString()
}

/**
 * A slot as staff read it: "14 Jul 14:00–16:00", by the shop's clock.
 *
 * @example
 * formatSlot({ from: '2026-07-14T13:00:00Z', to: '2026-07-14T15:00:00Z' }, 'Europe/Lisbon')
 */
export function formatSlot(slot: { from: string; to: string }, timeZone: string): string {
  const day = new Intl.DateTimeFormat('en-GB', { timeZone, day: 'numeric', month: 'short' })
  const from = toShopLocal(slot.from, timeZone)
  const to = toShopLocal(slot.to, timeZone)
  const dayOf = (iso: string) => day.format(new Date(iso))
  const clock = (local: string) => local.slice(11)
  if (from.slice(0, 10) === to.slice(0, 10)) {
    return `${dayOf(slot.from)} ${clock(from)}–${clock(to)}`
  }
  return `${dayOf(slot.from)} ${clock(from)} – ${dayOf(slot.to)} ${clock(to)}`
}

/**
 * A slot as a receiver or a driver reads it: by the shop's clock, naming the shop's zone when
 * the phone is set to another.
 *
 * @example
 * formatSlotForPeople(slot, 'Europe/Lisbon', 'UTC') // '14 Jul 14:00–16:00, Lisbon time'
 */
export function formatSlotForPeople(
  slot: { from: string; to: string },
  timeZone: string,
  deviceZone = Intl.DateTimeFormat().resolvedOptions().timeZone,
): string {
  const slotText = formatSlot(slot, timeZone)
  if (deviceZone === timeZone) return slotText
  return `${slotText}, ${timeZone.split('/').at(-1)!.replaceAll('_', ' ')} time`
}
