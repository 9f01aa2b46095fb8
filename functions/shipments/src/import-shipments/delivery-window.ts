import { instantOnShopClock } from '@dropmate/core'
import type { CellProblem } from '@dropmate/contracts/rest/shipment-import'
import type { DeliveryWindow } from '@dropmate/contracts/rest/shipments'

// An instant with its offset (`2026-07-14T13:00:00Z`, `…T14:00+01:00`), or a wall-clock time
// of the shop (`2026-07-14 14:00`, seconds optional), which is how spreadsheets write them.
const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i

/**
 * A row's delivery window from its `window_from` and `window_to` cells: both blank is no
 * window; a time without an offset is read on the shop's clock (`timeZone`, IANA), so
 * `2026-07-14 14:00` in Europe/Lisbon is 13:00Z in summer. Each problem names its column.
 * Whether the window makes sense (its order, its length) is the create body's rule.
 *
 * @example
 * deliveryWindowOf('2026-07-14 14:00', '2026-07-14 16:00', 'Europe/Lisbon')
 * // { window: { from: '2026-07-14T13:00:00.000Z', to: '2026-07-14T15:00:00.000Z' } }
 */
export function deliveryWindowOf(
  from: string,
  to: string,
  timeZone: string,
): { window: DeliveryWindow | null } | { problems: CellProblem[] } {
  if (from === '' && to === '') return { window: null }
  const problems: CellProblem[] = []
  const start = instantOf(from, timeZone)
  const end = instantOf(to, timeZone)
  for (const [column, text, instant] of [
    ['window_from', from, start],
    ['window_to', to, end],
  ] as const) {
    if (text === '') problems.push({ column, message: 'is needed when the other end is given' })
    else if (!instant) {
      problems.push({
        column,
        message: 'must be a time such as 2026-07-14 14:00 or 2026-07-14T13:00:00Z',
      })
    }
  }
  if (problems.length > 0 || !start || !end) return { problems }
  return { window: { from: start.toISOString(), to: end.toISOString() } }
}

function instantOf(text: string, timeZone: string): Date | null {
  if (!WITH_OFFSET.test(text)) return instantOnShopClock(text, timeZone)
  const instant = new Date(text)
  return Number.isNaN(instant.getTime()) ? null : instant
}
