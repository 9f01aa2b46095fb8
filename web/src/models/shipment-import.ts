import type {
  ImportProgress,
  ImportReport,
  ImportStreamLine,
} from '@dropmate/contracts/rest/shipment-import'
import { signal } from '@preact/signals'
import { ApiError, messageOf } from '../api/http'
import { authedFetch } from './authed-fetch'

export type ImportPhase = 'idle' | 'checking' | 'checked' | 'importing' | 'imported'

/**
 * The CSV import page's state: a file is checked by a dry run as soon as it is picked, its
 * report shown row by row; importing writes the valid rows and reports again. Both runs
 * stream their progress.
 */
export function createShipmentImport() {
  const file = signal<File | null>(null)
  const phase = signal<ImportPhase>('idle')
  const progress = signal<ImportProgress | null>(null)
  const report = signal<ImportReport | null>(null)
  const error = signal<string | null>(null)

  const run = async (dryRun: boolean) => {
    const picked = file.peek()
    if (!picked) return
    phase.value = dryRun ? 'checking' : 'importing'
    progress.value = null
    error.value = null
    try {
      report.value = await streamImport(picked, dryRun, (p) => (progress.value = p))
      phase.value = dryRun ? 'checked' : 'imported'
    } catch (failure) {
      error.value = messageOf(failure)
      report.value = null
      phase.value = 'idle'
    }
  }

  return {
    file,
    phase,
    progress,
    report,
    error,
    /** Takes a file (a new one, or the same one fixed) and checks it. */
    pick(picked: File) {
      file.value = picked
      void run(true)
    },
    importValid: () => run(false),
  }
}

export type ShipmentImport = ReturnType<typeof createShipmentImport>

/** One import of `file`, its NDJSON lines read as they come. */
async function streamImport(
  file: File,
  dryRun: boolean,
  onProgress: (progress: ImportProgress) => void,
): Promise<ImportReport> {
  const response = await authedFetch(`/api/shipments/import?dryRun=${dryRun}`, {
    method: 'POST',
    // Whatever the browser guesses for .csv (Windows says application/vnd.ms-excel).
    headers: { 'content-type': 'text/csv', accept: 'application/x-ndjson' },
    body: file,
  })
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader()
  let buffered = ''
  for (;;) {
    const { value, done } = await reader.read()
    if (done) break
    buffered += value
    const lines = buffered.split('\n')
    buffered = lines.pop()!
    for (const line of lines.filter(Boolean)) {
      const parsed = JSON.parse(line) as ImportStreamLine
      if ('progress' in parsed) onProgress(parsed.progress)
      else if ('report' in parsed) return parsed.report
      else throw new ApiError(response.status, parsed.problem.code, parsed.problem.detail)
    }
  }
  throw new ApiError(0, 'network_error', 'The import was cut off; check the list and try again.')
}
