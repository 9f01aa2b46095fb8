import type { CellProblem } from '@dropmate/contracts/rest/shipment-import'
import { ProblemError } from '@dropmate/runtime'
import type { z } from '@hono/zod-openapi'
import { NewShipmentBody } from '../schemas'
import { columnAt, type Cells } from './columns'
import { deliveryWindowOf } from './delivery-window'

const DECIMAL_COMMA = /^[+-]?\d+,\d+$/

/** Finds an address's position; null when it has none, a ProblemError when it cannot answer now. */
export type Geocode = (address: string) => Promise<{ lat: number; lng: number } | null>

export type CheckedRow = { body: z.infer<typeof NewShipmentBody> } | { problems: CellProblem[] }

export interface RowRules {
  /** The shop's IANA time zone, for window times written without an offset. */
  timeZone: string
  /** null when no geocoder is configured: every row then needs its coordinates. */
  geocode: Geocode | null
}

/**
 * A row as the body `POST /api/shipments` takes, checked by that route's own schema so the
 * rules are the API's, with every problem named by its column. Parties without coordinates
 * are geocoded from their address.
 */
export async function checkRow(cells: Cells, rules: RowRules): Promise<CheckedRow> {
  const problems: CellProblem[] = []
  const number = (column: keyof Cells) => {
    const text = cells[column]
    if (text === '') return undefined
    // The same locales write 38,7135 for 38.7135.
    const value = Number(DECIMAL_COMMA.test(text) ? text.replace(',', '.') : text)
    if (Number.isFinite(value)) return value
    problems.push({ column, message: 'must be a number' })
    return 0
  }
  const party = async (who: 'sender' | 'receiver') => {
    const [lat, lng] = [number(`${who}_lat`), number(`${who}_lng`)]
    return {
      name: cells[`${who}_name`],
      phone: cells[`${who}_phone`] || undefined,
      email: cells[`${who}_email`] || undefined,
      address: cells[`${who}_address`],
      ...(await position(who, lat, lng)),
    }
  }
  const lookUp = async (address: string) => (rules.geocode ? rules.geocode(address) : null)
  // The schema still sees a position when none was found, to name every other problem too.
  const position = async (who: string, lat?: number, lng?: number) => {
    if (lat !== undefined && lng !== undefined) return { lat, lng }
    if (lat !== undefined || lng !== undefined) {
      const blank = lat === undefined ? `${who}_lat` : `${who}_lng`
      problems.push({ column: blank, message: `is needed with ${who}_lat and ${who}_lng` })
      return { lat: 0, lng: 0 }
    }
    const address = cells[`${who}_address` as keyof Cells]
    if (!address) return { lat: 0, lng: 0 }
    const found = await lookUp(address).catch((error: unknown) => {
      if (!(error instanceof ProblemError)) throw error
      // The geocoder down is this row's problem, not the file's: the rest import, and an
      // import of the same file later finds this row again by its reference.
      problems.push({
        column: `${who}_address`,
        message: `could not be looked up (${error.message}): give ${who}_lat and ${who}_lng, or try again later`,
      })
      return 'unanswered' as const
    })
    if (found === 'unanswered') return { lat: 0, lng: 0 }
    if (!found) {
      const why = rules.geocode
        ? 'was not found by the geocoder'
        : 'has no coordinates, and no geocoder is configured'
      problems.push({ column: `${who}_address`, message: `${why}: give ${who}_lat and ${who}_lng` })
      return { lat: 0, lng: 0 }
    }
    return found
  }
  const weightKg = number('weight_kg')
  const window = deliveryWindowOf(cells.window_from, cells.window_to, rules.timeZone)
  if ('problems' in window) problems.push(...window.problems)
  const draft = {
    reference: cells.reference || undefined,
    sender: await party('sender'),
    receiver: await party('receiver'),
    package: { weightKg, description: cells.description || undefined },
    notes: cells.notes || undefined,
    deliveryWindow: 'window' in window ? (window.window ?? undefined) : undefined,
  }
  if (!draft.reference) {
    problems.push({ column: 'reference', message: 'is needed: a re-import finds the row by it' })
  }
  const parsed = NewShipmentBody.safeParse(draft)
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const column = columnAt(issue.path.join('.')) ?? issue.path.join('.')
      if (!problems.some((p) => p.column === column))
        problems.push({ column, message: issue.message })
    }
  }
  if (problems.length > 0 || !parsed.success || 'problems' in window) return { problems }
  return { body: parsed.data }
}
