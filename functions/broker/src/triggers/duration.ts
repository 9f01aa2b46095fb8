const NUMBER = String.raw`(\d+(?:[.,]\d+)?)`
/** ISO 8601 duration with days and a time part: PnDTnHnMnS, every component optional. */
const DURATION = new RegExp(`^P(?:${NUMBER}D)?(?:T(?:${NUMBER}H)?(?:${NUMBER}M)?(?:${NUMBER}S)?)?$`)
const UNIT_MS = [86_400_000, 3_600_000, 60_000, 1_000]

/**
 * Milliseconds in an ISO 8601 duration such as `PT0.5S`, `PT1M` or `P1DT1S`, as Knative's
 * `backoffDelay` and `timeout` are written. Rounded to whole milliseconds.
 *
 * Years and months are refused because they have no fixed length; weeks because nobody
 * should be waiting one (write `P7D` if you mean it). A decimal fraction (`.` or `,`) is
 * allowed on the smallest component only, as ISO 8601 says.
 *
 * @example parseDuration('PT1H2M3.5S') // 3_723_500
 */
export function parseDuration(text: string): number {
  const match = DURATION.exec(text)
  if (!match || text === 'P' || text.endsWith('T')) {
    throw new Error(
      `${JSON.stringify(text)} is not an ISO 8601 duration such as PT0.5S${hint(text)}`,
    )
  }
  const parts = match.slice(1)
  const last = parts.findLastIndex((part) => part !== undefined)
  if (parts.some((part, index) => index !== last && part !== undefined && /[.,]/.test(part))) {
    throw new Error(`${JSON.stringify(text)}: only the smallest component may have a fraction`)
  }
  const ms = parts.reduce(
    (total, part, index) => total + Number((part ?? '0').replace(',', '.')) * UNIT_MS[index]!,
    0,
  )
  if (!Number.isSafeInteger(Math.round(ms))) {
    throw new Error(`${JSON.stringify(text)} is too long`)
  }
  return Math.round(ms)
}

function hint(text: string): string {
  const datePart = text.split('T')[0] ?? ''
  if (!datePart.startsWith('P')) return ''
  if (/[YM]/.test(datePart)) return ' (years and months have no fixed length: use days or hours)'
  if (datePart.includes('W')) return ' (weeks are not accepted: write days, e.g. P7D)'
  return ''
}
