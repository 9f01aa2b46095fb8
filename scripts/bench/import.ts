import { startTestApi } from '@dropmate/kit/testing'
import { importShipments } from '@dropmate/shipments'
import { runBounded } from './bounded'

const ROWS = 5_000
const HEADER =
  'reference,sender_name,sender_phone,sender_address,sender_lat,sender_lng,' +
  'receiver_name,receiver_email,receiver_address,receiver_lat,receiver_lng,weight_kg,' +
  'description,window_from,window_to'

/** A day's orders of a busy shop: every row a different receiver around Lisbon, with a window. */
function ordersCsv(rows: number, run: string): string {
  const lines = [HEADER]
  for (let i = 0; i < rows; i++) {
    const lat = (38.7 + (i % 97) / 1000).toFixed(5)
    const lng = (-9.18 + (i % 89) / 1000).toFixed(5)
    lines.push(
      `${run}-${i},Padaria Estrela,+351 910 000 000,"Rua da Estrela 12, Lisboa",38.7135,-9.1605,` +
        `Receiver ${i},r${i}@example.com,"Rua ${i}, Lisboa",${lat},${lng},1.5,"Pastries, box ${i}",` +
        '2026-07-14 14:00,2026-07-14 16:00',
    )
  }
  return `${lines.join('\r\n')}\r\n`
}

/**
 * `npm run bench -- import`: 5,000 CSV rows through `POST /api/shipments/import` over HTTP,
 * first as a dry run, then for real, then again (every row already imported), against
 * PostgreSQL with DATABASE_URL and embedded PGlite without. The bar: under a minute.
 */
export async function benchImport(): Promise<number> {
  return runBounded({ name: 'bench import', watchdogMs: 5 * 60_000 }, async ({ cleanups, log }) => {
    const api = await startTestApi((deps) => importShipments.app(deps))
    cleanups.defer('import api', () => api.close())
    const dispatcher = await api.signIn('dispatcher')
    const csv = ordersCsv(ROWS, `BENCH${Date.now().toString(36)}`)
    const upload = async (dryRun: boolean) => {
      const started = performance.now()
      const response = await fetch(`${api.url}/api/shipments/import?dryRun=${dryRun}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${dispatcher.token}`, 'content-type': 'text/csv' },
        body: csv,
      })
      const report = (await response.json()) as { summary: Record<string, number> }
      const seconds = (performance.now() - started) / 1000
      if (response.status !== 200) throw new Error(`import answered ${response.status}`)
      return { seconds, summary: report.summary }
    }
    const database = process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite'
    log(`${ROWS} rows (${(csv.length / 1024 / 1024).toFixed(2)} MiB) on ${database}`)
    for (const [name, dryRun] of [
      ['dry run', true],
      ['import', false],
      ['re-import', false],
    ] as const) {
      const { seconds, summary } = await upload(dryRun)
      const rate = Math.round(ROWS / seconds)
      log(`${name}: ${seconds.toFixed(2)} s (${rate} rows/s) ${JSON.stringify(summary)}`)
    }
    return 0
  })
}
