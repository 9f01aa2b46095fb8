import type {
  DeliverySummaryRow,
  DriverProductivityRow,
  FailureReasonRow,
  VolumeRow,
} from '@dropmate/contracts/rest/analytics'
import { useEffect, useState } from 'preact/hooks'
import { messageOf } from '../../api/http'
import { appConfig } from '../../config'
import {
  createAnalytics,
  csvPath,
  type Analytics,
  type AnalyticsFilters,
} from '../../models/analytics'
import { download } from '../../models/authed-fetch'
import { account } from '../../models/session'
import { navigate } from '../../router'
import { Topbar } from '../../ui/topbar'
import { Empty, ErrorNote, Spinner } from '../../ui/widgets'
import { Chart } from './chart'
import {
  daysBefore,
  minutes,
  percent,
  hourTotals,
  shopToday,
  weekdayTotals,
  WEEKDAYS,
} from './figures'
import { Headline } from './headline'
import './analytics.css'

const DELIVERED = '#0f4c5c'
const FAILED = '#b91c1c'

/** `/analytics`: how the operation is doing, for dispatchers and admins. */
export default function AnalyticsPage() {
  const me = account.value
  const staff = me?.role === 'admin' || me?.role === 'dispatcher'
  const [state, setState] = useState<Analytics | null>(null)
  useEffect(() => {
    document.title = 'Analytics · DropMate'
    if (!me) navigate(`/login?next=${encodeURIComponent('/analytics')}`, { replace: true })
    else if (!staff) navigate('/', { replace: true })
    else {
      void appConfig().then(({ timeZone }) => {
        const to = shopToday(timeZone)
        const analytics = createAnalytics({ from: daysBefore(to, 29), to, driverId: '' })
        setState(analytics)
        void analytics.load()
        analytics.loadDrivers().catch(() => {})
      })
    }
  }, [me])
  if (!staff) return null
  return (
    <div class="analytics-page">
      {/* The top bar's link to this page, marked current, names it. */}
      <Topbar />
      <main class="analytics-main">{state ? <Reports state={state} /> : <Spinner />}</main>
    </div>
  )
}

function Reports({ state }: { state: Analytics }) {
  const answers = state.answers.value
  return (
    <>
      <Filters state={state} />
      {state.error.value && <ErrorNote message={state.error.value} onRetry={state.load} />}
      {!answers && state.loading.value && <Spinner label="Reading the reports" />}
      {answers && (
        <div aria-busy={state.loading.value}>
          <Headline summary={answers.summary.rows[0]!} />
          <Section state={state} report="summary" title="Deliveries">
            <SummaryTable row={answers.summary.rows[0]!} />
          </Section>
          <Section state={state} report="failures" title="Failed attempts by reason">
            <FailureReasons rows={answers.failures.rows} />
          </Section>
          <Section state={state} report="drivers" title="Deliveries per driver per hour on duty">
            <Drivers rows={answers.drivers.rows} />
          </Section>
          <Section state={state} report="volume" title="Volume by hour and weekday">
            <Volume rows={answers.volume.rows} />
          </Section>
        </div>
      )}
    </>
  )
}

function Filters({ state }: { state: Analytics }) {
  const { from, to, driverId } = state.filters.value
  const change = (field: keyof AnalyticsFilters) => (e: { currentTarget: { value: string } }) =>
    (state.filters.value = { ...state.filters.peek(), [field]: e.currentTarget.value })
  return (
    <form
      class="card analytics-filters"
      aria-label="Range and driver"
      onSubmit={(e) => {
        e.preventDefault()
        void state.load()
      }}
    >
      <h1>Operations analytics</h1>
      <label>
        From
        <input type="date" name="from" value={from} required onInput={change('from')} />
      </label>
      <label>
        To
        <input type="date" name="to" value={to} required onInput={change('to')} />
      </label>
      {/* Labelled by id: a label wrapping a select would take in its options' text too. */}
      <div class="analytics-field">
        <label for="analytics-driver">Driver</label>
        <select id="analytics-driver" value={driverId} onChange={change('driverId')}>
          <option value="">All drivers</option>
          {state.drivers.value.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </select>
      </div>
      <button class="button primary" type="submit" disabled={state.loading.value}>
        Show
      </button>
      <p class="analytics-note">Days by the shop’s clock, both ends included.</p>
    </form>
  )
}

function Section({
  state,
  report,
  title,
  children,
}: {
  state: Analytics
  report: 'summary' | 'failures' | 'drivers' | 'volume'
  title: string
  children: preact.ComponentChildren
}) {
  const [failure, setFailure] = useState<string | null>(null)
  // The table as shown, whatever the form holds now.
  const { from, to, driverId } = state.answers.value![report]
  return (
    <section class="card analytics-section" aria-label={title}>
      <header class="analytics-section-head">
        <h2>{title}</h2>
        <button
          class="button small"
          type="button"
          onClick={() =>
            download(
              csvPath(report, { from, to, driverId: driverId ?? '' }),
              `${report}-${from}-to-${to}.csv`,
            ).then(
              () => setFailure(null),
              (error) => setFailure(messageOf(error)),
            )
          }
        >
          Download CSV
        </button>
      </header>
      {failure && <ErrorNote message={failure} />}
      {children}
    </section>
  )
}

function SummaryTable({ row }: { row: DeliverySummaryRow }) {
  const lines: [string, string | number][] = [
    ['Delivered', row.delivered],
    ['With a delivery window', row.withWindow],
    ['Without a window (not rated)', row.withoutWindow],
    ['On time (within the window)', row.onTime],
    ['Early', row.early],
    ['Late', row.late],
    ['On-time rate', percent(row.onTimeRate)],
    ['Average pickup → delivered', minutes(row.averageMinutes)],
    ['90th percentile pickup → delivered', minutes(row.p90Minutes)],
    ['Delivered at the first attempt', row.firstAttempt],
    ['First-attempt success', percent(row.firstAttemptRate)],
  ]
  return (
    <table class="analytics-table">
      <tbody>
        {lines.map(([label, value]) => (
          <tr key={label}>
            <th scope="row">{label}</th>
            <td>{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

function FailureReasons({ rows }: { rows: FailureReasonRow[] }) {
  if (rows.length === 0) return <Empty>No failed attempts in this range.</Empty>
  return (
    <div class="analytics-pair">
      <Chart
        title="Failed attempts by reason, bar chart"
        kind="bars"
        categoryName="Reason"
        categories={rows.map((r) => r.reason)}
        series={[{ label: 'Failed attempts', values: rows.map((r) => r.failures), color: FAILED }]}
      />
      <table class="analytics-table" aria-label="Failed attempts by reason">
        <thead>
          <tr>
            <th scope="col">Reason</th>
            <th scope="col">Failed attempts</th>
            <th scope="col">Share</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.reason}>
              <th scope="row">{r.reason}</th>
              <td>{r.failures}</td>
              <td>{percent(r.share)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

function Drivers({ rows }: { rows: DriverProductivityRow[] }) {
  if (rows.length === 0) return <Empty>No driver was on duty or delivered in this range.</Empty>
  return (
    <div class="analytics-pair">
      <Chart
        title="Deliveries per hour on duty by driver, bar chart"
        kind="bars"
        categoryName="Driver"
        counts={false}
        categories={rows.map((r) => r.driverName)}
        series={[
          {
            label: 'Deliveries per hour',
            values: rows.map((r) => r.deliveriesPerHour ?? 0),
            color: DELIVERED,
          },
        ]}
      />
      <table class="analytics-table" aria-label="Deliveries per driver per hour on duty">
        <thead>
          <tr>
            <th scope="col">Driver</th>
            <th scope="col">Deliveries</th>
            <th scope="col">Hours on duty</th>
            <th scope="col">Per hour</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.driverId}>
              <th scope="row">{r.driverName}</th>
              <td>{r.deliveries}</td>
              <td>{r.hoursOnDuty.toFixed(1)}</td>
              <td>{r.deliveriesPerHour === null ? '–' : r.deliveriesPerHour.toFixed(2)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

function Volume({ rows }: { rows: VolumeRow[] }) {
  if (rows.length === 0) return <Empty>No delivery attempts in this range.</Empty>
  const hours = hourTotals(rows)
  const days = weekdayTotals(rows)
  return (
    <>
      <div class="analytics-pair">
        <Chart
          title="Attempts by hour of day, line chart"
          kind="lines"
          categoryName="Hour"
          categories={hours.map((h) => String(h.hour))}
          series={[
            { label: 'Delivered', values: hours.map((h) => h.deliveries), color: DELIVERED },
            { label: 'Failed', values: hours.map((h) => h.failures), color: FAILED },
          ]}
        />
        <TotalsTable
          label="Attempts by hour of day"
          heading="Hour"
          note="Hours with no attempts are left out."
          rows={hours
            .filter((h) => h.deliveries + h.failures > 0)
            .map((h) => ({ ...h, name: `${String(h.hour).padStart(2, '0')}:00` }))}
        />
      </div>
      <div class="analytics-pair">
        <Chart
          title="Deliveries by weekday, bar chart"
          kind="bars"
          categoryName="Weekday"
          categories={days.map((d) => WEEKDAYS[d.weekday - 1]!.slice(0, 3))}
          series={[{ label: 'Delivered', values: days.map((d) => d.deliveries), color: DELIVERED }]}
        />
        <TotalsTable
          label="Attempts by weekday"
          heading="Weekday"
          rows={days.map((d) => ({ ...d, name: WEEKDAYS[d.weekday - 1]! }))}
        />
      </div>
    </>
  )
}

function TotalsTable({
  label,
  heading,
  note,
  rows,
}: {
  label: string
  heading: string
  note?: string
  rows: { name: string; deliveries: number; failures: number }[]
}) {
  return (
    <table class="analytics-table" aria-label={label}>
      {note && <caption>{note}</caption>}
      <thead>
        <tr>
          <th scope="col">{heading}</th>
          <th scope="col">Delivered</th>
          <th scope="col">Failed</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.name}>
            <th scope="row">{r.name}</th>
            <td>{r.deliveries}</td>
            <td>{r.failures}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
