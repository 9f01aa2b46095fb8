import {
  ImportReport,
  ImportStreamLine,
  type ImportProgress,
} from '@dropmate/contracts/rest/shipment-import'
import { BEARER, problems, requireAuth, type ApiDeps, type ApiEnv } from '@dropmate/kit'
import { createApiApp, ProblemError } from '@dropmate/runtime'
import { createRoute, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { stream } from 'hono/streaming'
import type { Geocode } from './check-row'
import { COLUMNS } from './columns'
import { readCsv, MAX_IMPORT_ROWS } from './read-csv'
import { runImport, type ImportRun } from './run-import'

const STAFF = ['admin', 'dispatcher'] as const
const NDJSON = 'application/x-ndjson'
// A streamed import reports progress at most this often: a line per row would outgrow the
// report on a fast import.
const PROGRESS_EVERY_MS = 100

const ImportQuery = z.object({
  dryRun: z
    .enum(['true', 'false'])
    .default('false')
    .openapi({ description: 'Check every row and report, writing nothing' }),
})

export const route = createRoute({
  method: 'post',
  path: '/api/shipments/import',
  operationId: 'importShipments',
  summary: 'Create shipments from a CSV of orders, row by row, idempotent by reference',
  description:
    `A UTF-8 CSV (BOM and CRLF fine) with a header row naming the columns of ` +
    `\`GET /api/shipments/import/template\` in any order, case or spacing: ` +
    `${COLUMNS.map((c) => `\`${c.name}\``).join(', ')}; at most ${MAX_IMPORT_ROWS} rows. ` +
    'Each row is checked by the same rules as `POST /api/shipments` and reported by line and ' +
    'column; valid rows are created and a row whose `reference` a shipment already has is ' +
    '`existing`, so a file can be imported again after a fix. Parties without coordinates are ' +
    'geocoded. `window_from`/`window_to` take ISO 8601 instants or `YYYY-MM-DD HH:mm` on the ' +
    `shop's clock (SHOP_TIME_ZONE). With \`Accept: ${NDJSON}\` the answer streams progress lines ` +
    'and then the report.',
  security: BEARER,
  request: {
    query: ImportQuery,
    body: { content: { 'text/csv': { schema: z.string() } }, required: true },
  },
  responses: {
    200: {
      description: 'What became of each row',
      content: {
        'application/json': { schema: ImportReport.meta({ id: 'ImportReport' }) },
        [NDJSON]: { schema: ImportStreamLine.meta({ id: 'ImportStreamLine' }) },
      },
    },
    ...problems(400, 401, 403, 413, 415, 422),
  },
})

export function importShipmentsApp(deps: ApiDeps, geocode: Geocode | null = null) {
  return createApiApp<ApiEnv>().openapi(
    { ...route, middleware: [requireAuth(deps.auth, STAFF)] },
    async (c) => {
      const rows = readCsv(await csvBody(c))
      const run: ImportRun = {
        rows,
        actor: c.var.actor,
        dryRun: c.req.valid('query').dryRun === 'true',
        rules: { timeZone: deps.config.SHOP_TIME_ZONE, geocode },
      }
      if (!c.req.header('accept')?.includes(NDJSON)) return c.json(await runImport(deps, run), 200)
      c.header('content-type', `${NDJSON}; charset=utf-8`)
      return stream(c, async (out) => {
        const line = (value: ImportStreamLine) => out.write(`${JSON.stringify(value)}\n`)
        const progress = (processed: number): ImportProgress => ({ processed, total: rows.length })
        let sent = 0
        await line({ progress: progress(0) })
        try {
          const report = await runImport(deps, {
            ...run,
            onProgress(processed) {
              if (Date.now() - sent < PROGRESS_EVERY_MS) return
              sent = Date.now()
              void line({ progress: progress(processed) })
            },
          })
          await line({ progress: progress(rows.length) })
          await line({ report })
        } catch (error) {
          // The answer started as a 200: what stopped the import goes in its last line.
          const known = error instanceof ProblemError
          const code = known ? error.code : 'internal_error'
          const detail = known ? error.message : 'The import stopped; rows reported created stay.'
          await line({ problem: { code, detail } })
          if (!known) throw error
        }
      }) as never
    },
  )
}

/** The uploaded bytes, when they are declared CSV in UTF-8 (or in no charset at all). */
async function csvBody(c: Context): Promise<Uint8Array> {
  const [type = '', ...params] = (c.req.header('content-type') ?? '').split(';')
  if (type.trim().toLowerCase() !== 'text/csv') {
    throw new ProblemError('unsupported_media_type', 'Send the file as text/csv.')
  }
  const charset = params
    .map((param) => param.trim().toLowerCase())
    .find((param) => param.startsWith('charset='))
    ?.slice('charset='.length)
    .replaceAll('"', '')
  if (charset && charset !== 'utf-8' && charset !== 'utf8') {
    throw new ProblemError('csv_not_utf8', `The file is ${charset}; send it as UTF-8.`)
  }
  return new Uint8Array(await c.req.arrayBuffer())
}
