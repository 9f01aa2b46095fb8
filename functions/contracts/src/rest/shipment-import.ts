import { z } from 'zod'
import { Id } from '../fields'
import { DeliveryWindow } from './shipments'

// The window a row's window_from and window_to give, as the shipment carries it.
export { DeliveryWindow }

/** What became of one row of an imported CSV; `valid` rows are those a dry run would create. */
export const IMPORT_OUTCOMES = ['created', 'existing', 'valid', 'failed'] as const
export type ImportOutcome = (typeof IMPORT_OUTCOMES)[number]

/** A problem with one cell, named by its column as the template spells it. */
export const CellProblem = z.object({ column: z.string(), message: z.string() })
export type CellProblem = z.infer<typeof CellProblem>

export const ImportedRow = z.object({
  /** The line of the file the row starts on; the header is line 1. */
  line: z.number().int(),
  reference: z.string().nullable(),
  outcome: z.enum(IMPORT_OUTCOMES),
  shipmentId: Id.nullable(),
  trackingNumber: z.string().nullable(),
  deliveryWindow: DeliveryWindow.nullable(),
  problems: z.array(CellProblem),
})
export type ImportedRow = z.infer<typeof ImportedRow>

/** The answer of `POST /api/shipments/import`: every row, and how many came to what. */
export const ImportReport = z.object({
  dryRun: z.boolean(),
  summary: z.object({
    total: z.number().int(),
    created: z.number().int(),
    existing: z.number().int(),
    valid: z.number().int(),
    failed: z.number().int(),
  }),
  rows: z.array(ImportedRow),
})
export type ImportReport = z.infer<typeof ImportReport>

/** How far an import is, as a streamed (NDJSON) import reports it while it runs. */
export const ImportProgress = z.object({
  processed: z.number().int(),
  total: z.number().int(),
})
export type ImportProgress = z.infer<typeof ImportProgress>

/**
 * One line of a streamed import: progress while it runs, then the report, or a problem
 * (RFC 9457 fields) when it stopped part way; rows written before that stay written.
 */
export const ImportStreamLine = z.union([
  z.object({ progress: ImportProgress }),
  z.object({ report: ImportReport }),
  z.object({ problem: z.object({ code: z.string(), detail: z.string() }) }),
])
export type ImportStreamLine = z.infer<typeof ImportStreamLine>
