import { SHIPMENT_STATUSES, type ShipmentStatus } from '@dropmate/core/status-machine'
import { useCallback, useRef, useState } from 'preact/hooks'
import { messageOf } from '../../api/http'
import { download } from '../../models/authed-fetch'
import type { Dashboard } from '../../models/dashboard'
import { navigate } from '../../router'
import { formatAgo, STATUS_LABEL } from '../../ui/format'
import { formatSlot } from '../../ui/shop-clock'
import { Empty, ErrorNote, Spinner, StatusChip } from '../../ui/widgets'
import { SlotFlag } from './slot-flag'
import { TickedBar } from './label-printing'

export function ShipmentListPanel({ dashboard }: { dashboard: Dashboard }) {
  const { list } = dashboard
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined)
  const statuses = list.filters.value.statuses
  const counts = list.counts.value
  const total = counts ? Object.values(counts).reduce((sum, n) => sum + (n ?? 0), 0) : null

  const toggle = (status: ShipmentStatus) =>
    list.setFilters({
      statuses: statuses.includes(status)
        ? statuses.filter((s) => s !== status)
        : [...statuses, status],
    })

  return (
    <section class="dash-list" aria-labelledby="list-title">
      <div class="list-head">
        <h2 id="list-title">Shipments</h2>
        <button
          class="button primary small"
          type="button"
          onClick={() => {
            dashboard.side.value = 'create'
            dashboard.pane.value = 'side'
          }}
        >
          New shipment
        </button>
      </div>
      <div class="field list-search">
        <label for="shipment-search">Search tracking number or receiver</label>
        <input
          id="shipment-search"
          type="search"
          placeholder="e.g. DM-7K3 or Maria"
          defaultValue={list.filters.peek().q}
          onInput={(e) => {
            const q = e.currentTarget.value
            clearTimeout(timer.current)
            timer.current = setTimeout(() => list.setFilters({ q }), 300)
          }}
        />
      </div>
      <div class="status-filters" role="group" aria-label="Filter by status">
        <button
          type="button"
          class="filter-chip"
          aria-pressed={statuses.length === 0}
          onClick={() => list.setFilters({ statuses: [] })}
        >
          All <span class="count">{total ?? '–'}</span>
        </button>
        {SHIPMENT_STATUSES.map((status) => (
          <button
            key={status}
            type="button"
            class={`filter-chip status-${status}`}
            aria-pressed={statuses.includes(status)}
            onClick={() => toggle(status)}
          >
            {STATUS_LABEL[status]} <span class="count">{counts ? (counts[status] ?? 0) : '–'}</span>
          </button>
        ))}
      </div>
      <CsvLinks dashboard={dashboard} />
      <TickedBar labels={dashboard.labels} />
      <Rows dashboard={dashboard} />
    </section>
  )
}

/** The CSV import page, and the list as filtered now as a CSV download. */
function CsvLinks({ dashboard }: { dashboard: Dashboard }) {
  const [failed, setFailed] = useState<string | null>(null)
  const exportList = () => {
    const { q, statuses } = dashboard.list.filters.peek()
    const params = new URLSearchParams()
    if (q.trim()) params.set('q', q.trim())
    if (statuses.length > 0) params.set('status', statuses.join(','))
    download(`/api/shipments.csv?${params}`, 'shipments.csv').then(
      () => setFailed(null),
      (error) => setFailed(messageOf(error)),
    )
  }
  return (
    <div class="list-csv">
      {failed && (
        <span class="field-error" role="alert">
          {failed}
        </span>
      )}
      <a class="button small" href="/import">
        Import CSV
      </a>
      <button class="button small" type="button" onClick={exportList}>
        Export CSV
      </button>
    </div>
  )
}

function Rows({ dashboard }: { dashboard: Dashboard }) {
  const { list, fleet } = dashboard
  const observer = useRef<IntersectionObserver | null>(null)
  // Scrolling to the end loads the next page; the button stays for keyboards and retries.
  const foot = useCallback((element: HTMLDivElement | null) => {
    observer.current?.disconnect()
    if (!element) return
    observer.current = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting) && !list.moreError.peek()) void list.loadMore()
    })
    observer.current.observe(element)
  }, [])
  if (list.loading.value && list.items.value.length === 0)
    return <Spinner label="Loading shipments" />
  if (list.error.value) return <ErrorNote message={list.error.value} onRetry={list.load} />
  const items = list.items.value
  if (items.length === 0) {
    const filtered = list.filters.value.q || list.filters.value.statuses.length > 0
    return <Empty>{filtered ? 'No shipments match these filters.' : 'No shipments yet.'}</Empty>
  }
  const selected = dashboard.selectedId.value
  const ticked = new Set(dashboard.labels.ticked.value)
  return (
    <>
      <ul class="rows" aria-label="Shipments" aria-busy={list.loading.value}>
        {items.map((s) => (
          <li key={s.id} class="row-item">
            <input
              type="checkbox"
              class="row-tick"
              aria-label={`Select ${s.trackingNumber}`}
              checked={ticked.has(s.id)}
              onChange={(e) => dashboard.labels.tick(s.id, e.currentTarget.checked)}
            />
            <a
              class="row"
              href={`/shipments/${s.id}`}
              aria-current={s.id === selected ? 'true' : undefined}
              onClick={(e) => {
                e.preventDefault()
                navigate(`/shipments/${s.id}`)
                dashboard.side.value = 'detail'
                dashboard.pane.value = 'side'
              }}
            >
              <span class="row-top">
                <span class="mono">{s.trackingNumber}</span>
                <StatusChip status={s.status} />
                <SlotFlag shipment={s} now={dashboard.now.value} />
              </span>
              <span class="row-name">{s.receiver.name}</span>
              <span class="row-meta">
                {s.receiver.address}
                {s.driverId && ` · ${fleet.byId.value.get(s.driverId)?.name ?? 'a driver'}`}
                {s.deliveryWindow &&
                  ` · slot ${formatSlot(s.deliveryWindow, dashboard.config.timeZone)}`}
                {` · ${formatAgo(s.updatedAt)}`}
              </span>
            </a>
          </li>
        ))}
      </ul>
      <div class="list-foot" ref={foot}>
        {list.moreError.value && (
          <ErrorNote message={list.moreError.value} onRetry={list.loadMore} />
        )}
        {list.nextCursor.value && (
          <button
            class="button"
            type="button"
            disabled={list.loadingMore.value}
            onClick={list.loadMore}
          >
            {list.loadingMore.value ? 'Loading…' : 'Load more'}
          </button>
        )}
      </div>
    </>
  )
}
