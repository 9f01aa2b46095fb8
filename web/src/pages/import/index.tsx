import type { ImportedRow, ImportOutcome } from '@dropmate/contracts/rest/shipment-import'
import { useEffect, useState } from 'preact/hooks'
import { messageOf } from '../../api/http'
import { download } from '../../models/authed-fetch'
import { account } from '../../models/session'
import { createShipmentImport, type ShipmentImport } from '../../models/shipment-import'
import { navigate } from '../../router'
import { Topbar } from '../../ui/topbar'
import { ErrorNote } from '../../ui/widgets'
import './import.css'

const OUTCOME_LABEL: Record<ImportOutcome, string> = {
  valid: 'Ready',
  created: 'Created',
  existing: 'Already imported',
  failed: 'Has problems',
}

/** `/import`: staff upload a CSV of orders, see each row checked, and import the good ones. */
export default function ImportPage() {
  const me = account.value
  const [state] = useState(createShipmentImport)
  const staff = me?.role === 'admin' || me?.role === 'dispatcher'
  useEffect(() => {
    document.title = 'Import shipments · DropMate'
    if (!me) navigate(`/login?next=${encodeURIComponent('/import')}`, { replace: true })
    else if (!staff) navigate('/', { replace: true })
  }, [me])
  if (!staff) return null
  return (
    <div class="import-page">
      <Topbar>
        <span class="topbar-title">Import shipments</span>
      </Topbar>
      <main class="import-main">
        <FilePicker state={state} />
        <Progress state={state} />
        {state.error.value && <ErrorNote message={state.error.value} />}
        <Report state={state} />
      </main>
    </div>
  )
}

function FilePicker({ state }: { state: ShipmentImport }) {
  const [templateError, setTemplateError] = useState<string | null>(null)
  const busy = state.phase.value === 'checking' || state.phase.value === 'importing'
  return (
    <section class="card import-intro" aria-labelledby="import-title">
      <a href="/">← Back to dispatch</a>
      <h1 id="import-title">Import shipments from a CSV file</h1>
      <p>
        One row per order, with the columns of the template (UTF-8, as spreadsheets save “CSV
        UTF-8”). Each row is checked first and nothing is written until you import. Rows are matched
        by their <code>reference</code>: importing a file again, once a row is fixed, creates only
        what is new.
      </p>
      <p class="import-actions">
        <button
          type="button"
          class="button"
          onClick={() =>
            download('/api/shipments/import/template', 'shipments-template.csv').then(
              () => setTemplateError(null),
              (failure) => setTemplateError(messageOf(failure)),
            )
          }
        >
          Download the template
        </button>
        <label class={`button primary${busy ? ' disabled' : ''}`}>
          {state.file.value ? 'Choose another file' : 'Choose a CSV file'}
          <input
            class="visually-hidden"
            type="file"
            accept=".csv,text/csv"
            aria-label="CSV file"
            disabled={busy}
            onChange={(e) => {
              const picked = e.currentTarget.files?.[0]
              // Emptied so that picking the same file again (fixed) checks it again.
              e.currentTarget.value = ''
              if (picked) state.pick(picked)
            }}
          />
        </label>
        {state.file.value && <span class="import-file">{state.file.value.name}</span>}
      </p>
      {templateError && <ErrorNote message={templateError} />}
    </section>
  )
}

function Progress({ state }: { state: ShipmentImport }) {
  const phase = state.phase.value
  if (phase !== 'checking' && phase !== 'importing') return null
  const progress = state.progress.value
  const verb = phase === 'checking' ? 'Checking' : 'Importing'
  return (
    <section class="card" aria-live="polite">
      <p>
        {verb} rows{progress ? `: ${progress.processed} of ${progress.total}` : '…'}
      </p>
      <progress
        aria-label={`${verb} rows`}
        max={progress?.total ?? 1}
        value={progress?.processed}
      />
    </section>
  )
}

function Report({ state }: { state: ShipmentImport }) {
  const report = state.report.value
  const phase = state.phase.value
  if (!report || (phase !== 'checked' && phase !== 'imported')) return null
  const { summary } = report
  return (
    <section class="card" aria-labelledby="report-title">
      <h2 id="report-title">{report.dryRun ? 'Checked' : 'Imported'}</h2>
      <p class="import-summary" role="status">
        {report.dryRun
          ? `${summary.total} rows: ${summary.valid} ready to import, ` +
            `${summary.existing} already imported, ${summary.failed} with problems.`
          : `${summary.created} created, ${summary.existing} already imported, ` +
            `${summary.failed} with problems (not imported).`}
      </p>
      {report.dryRun && (
        <p class="import-actions">
          <button
            type="button"
            class="button primary"
            disabled={summary.valid === 0}
            onClick={() => void state.importValid()}
          >
            {summary.valid === 0
              ? 'Nothing new to import'
              : `Import ${summary.valid} ${summary.valid === 1 ? 'row' : 'rows'}`}
          </button>
          {summary.failed > 0 && (
            <span>
              Fix the rows with problems and choose the file again, or import without them.
            </span>
          )}
        </p>
      )}
      <Rows rows={report.rows} />
    </section>
  )
}

function Rows({ rows }: { rows: ImportedRow[] }) {
  // Problems first: they are what needs doing.
  const sorted = [...rows].sort(
    (a, b) => Number(b.outcome === 'failed') - Number(a.outcome === 'failed') || a.line - b.line,
  )
  return (
    <div class="import-table-wrap">
      <table class="import-table">
        <thead>
          <tr>
            <th scope="col">Line</th>
            <th scope="col">Reference</th>
            <th scope="col">Result</th>
            <th scope="col">Problems</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((row) => (
            <tr key={row.line} class={`outcome-${row.outcome}`} data-line={row.line}>
              <td class="mono">{row.line}</td>
              <td class="mono">{row.reference ?? '–'}</td>
              <td>
                {OUTCOME_LABEL[row.outcome]}
                {row.trackingNumber && (
                  <>
                    {' '}
                    <a class="mono" href={`/shipments/${row.shipmentId}`}>
                      {row.trackingNumber}
                    </a>
                  </>
                )}
              </td>
              <td>
                <ul class="import-problems">
                  {row.problems.map((p) => (
                    <li key={p.column}>
                      <code>{p.column}</code> {p.message}
                    </li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
