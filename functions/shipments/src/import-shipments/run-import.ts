import type { ImportedRow, ImportReport } from '@dropmate/contracts/rest/shipment-import'
import { findShipmentsByReference } from '@dropmate/db'
import type { ApiDeps, Principal } from '@dropmate/kit'
import { ProblemError } from '@dropmate/runtime'
import pLimit from 'p-limit'
import { insertWithTimeline } from '../register-shipment'
import { checkRow, type Geocode, type RowRules } from './check-row'
import type { CsvRow } from './read-csv'

// Rows per transaction: its statements go out pipelined, and a row's outcome is final when
// its chunk commits. `npm run bench -- import` (5,000 rows, 2026-12-05, a loaded 2-core box):
// 12–21 s on PostgreSQL, 20–41 s on embedded PGlite; 1,000 a chunk did no better.
const CHUNK = 250
// Geocoders answer one address at a time; a few in flight keep one slow answer from
// holding up the rest without flooding a self-hosted service.
const GEOCODES_AT_ONCE = 4

export interface ImportRun {
  rows: CsvRow[]
  actor: Principal
  dryRun: boolean
  rules: RowRules
  /** Called as rows are checked, with how many are. */
  onProgress?: (processed: number) => void
}

/**
 * Imports rows one by one, as far as each goes: a row with problems is reported by line and
 * column and the others are created; a row whose reference a shipment already has is
 * reported as `existing`, so importing a file again (after fixing a row) creates only what is
 * new. A dry run checks everything and writes nothing.
 */
export async function runImport(
  deps: Pick<ApiDeps, 'sql' | 'trackingCache'>,
  { rows, actor, dryRun, rules, onProgress }: ImportRun,
): Promise<ImportReport> {
  const geocode = rules.geocode && remembered(rules.geocode)
  const limit = pLimit(GEOCODES_AT_ONCE)
  const firstLine = new Map<string, number>()
  const report: ImportedRow[] = []
  let processed = 0
  for (let start = 0; start < rows.length; start += CHUNK) {
    const chunk = rows.slice(start, start + CHUNK)
    const existing = new Map(
      (await findShipmentsByReference(deps.sql, references(chunk))).map((s) => [s.reference, s]),
    )
    const checked = await Promise.all(
      chunk.map(({ line, cells }) =>
        limit(async (): Promise<Pending> => {
          const row = blank(line, cells.reference || null)
          const known = existing.get(cells.reference)
          const repeated = firstLine.get(cells.reference)
          if (cells.reference && repeated === undefined) firstLine.set(cells.reference, line)
          if (known)
            return {
              row: {
                ...row,
                outcome: 'existing' as const,
                shipmentId: known.id,
                trackingNumber: known.trackingNumber,
              },
            }
          if (repeated !== undefined) {
            const problem = { column: 'reference', message: `repeats line ${repeated}` }
            return { row: { ...row, outcome: 'failed' as const, problems: [problem] } }
          }
          const result = await checkRow(cells, { ...rules, geocode })
          onProgress?.(++processed)
          if ('problems' in result)
            return { row: { ...row, outcome: 'failed' as const, problems: result.problems } }
          return {
            row: { ...row, outcome: 'valid' as const, deliveryWindow: result.deliveryWindow },
            body: result.body,
          }
        }),
      ),
    )
    const valid = checked.filter((c) => c.body !== undefined)
    if (!dryRun && valid.length > 0) await write(deps, valid, actor)
    report.push(...checked.map((c) => c.row))
    processed = start + chunk.length
    onProgress?.(processed)
  }
  return { dryRun, summary: summaryOf(report), rows: report }
}

type Pending = { row: ImportedRow; body?: Parameters<typeof insertWithTimeline>[1] }

/** Creates a chunk's valid rows in one transaction, turning each into `created` or `existing`. */
async function write(
  deps: Pick<ApiDeps, 'sql' | 'trackingCache'>,
  valid: Pending[],
  actor: Principal,
) {
  await deps.sql.begin((tx) =>
    Promise.all(
      valid.map(async (pending) => {
        try {
          const view = await insertWithTimeline(tx, pending.body!, actor)
          pending.row = {
            ...pending.row,
            outcome: 'created',
            shipmentId: view.id,
            trackingNumber: view.trackingNumber,
          }
        } catch (error) {
          // Taken since the chunk was checked: another import of the same file got there first.
          if (!(error instanceof ProblemError && error.code === 'reference_taken')) throw error
          pending.row = { ...pending.row, outcome: 'existing' }
        }
      }),
    ),
  )
  await Promise.all(
    valid.map((p) => p.row.trackingNumber && deps.trackingCache.invalidate(p.row.trackingNumber)),
  )
}

/** A geocoder that looks each address up once per import: a shop sends from one address. */
function remembered(geocode: Geocode): Geocode {
  const found = new Map<string, ReturnType<Geocode>>()
  return (address) => {
    const key = address.toLowerCase()
    if (!found.has(key)) found.set(key, geocode(address))
    return found.get(key)!
  }
}

function references(rows: CsvRow[]): string[] {
  return [...new Set(rows.map((row) => row.cells.reference).filter(Boolean))]
}

function blank(line: number, reference: string | null): ImportedRow {
  return {
    line,
    reference,
    outcome: 'failed',
    shipmentId: null,
    trackingNumber: null,
    deliveryWindow: null,
    problems: [],
  }
}

function summaryOf(rows: ImportedRow[]): ImportReport['summary'] {
  const count = (outcome: ImportedRow['outcome']) =>
    rows.filter((row) => row.outcome === outcome).length
  return {
    total: rows.length,
    created: count('created'),
    existing: count('existing'),
    valid: count('valid'),
    failed: count('failed'),
  }
}
