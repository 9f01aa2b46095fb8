import { useSignal } from '@preact/signals'
import type { Driver } from '@dropmate/contracts/rest'
import { availabilityOf, type DutyStatus } from '@dropmate/core/fleet'
import { messageOf } from '../../api/http'
import type { Dashboard } from '../../models/dashboard'
import { formatAgo, VEHICLE_LABEL } from '../../ui/format'
import { Empty, ErrorNote, Spinner } from '../../ui/widgets'
import { RouteStopList } from './route-stops'

type Show = 'on_duty' | 'all'

const DUTY_LABEL: Record<DutyStatus, string> = {
  available: 'Available',
  busy: 'Busy',
  offline: 'Off duty',
}

export function DriversPanel({ dashboard }: { dashboard: Dashboard }) {
  const { fleet } = dashboard
  const show = useSignal<Show>('on_duty')
  if (fleet.loading.value) return <Spinner label="Loading drivers" />
  if (fleet.error.value) return <ErrorNote message={fleet.error.value} onRetry={fleet.load} />
  const drivers = show.value === 'all' ? fleet.drivers.value : fleet.onDuty.value
  const counts = { available: 0, busy: 0, offline: 0 }
  for (const d of fleet.drivers.value) counts[availabilityOf(d)]++
  return (
    <section aria-labelledby="drivers-title">
      <div class="list-head">
        <h2 id="drivers-title">Drivers</h2>
        <span class="meta">
          {counts.available} available · {counts.busy} busy · {counts.offline} off
        </span>
      </div>
      <div class="status-filters" role="group" aria-label="Which drivers">
        <button
          type="button"
          class="filter-chip"
          aria-pressed={show.value === 'on_duty'}
          onClick={() => (show.value = 'on_duty')}
        >
          On duty <span class="count">{counts.available + counts.busy}</span>
        </button>
        <button
          type="button"
          class="filter-chip"
          aria-pressed={show.value === 'all'}
          onClick={() => (show.value = 'all')}
        >
          All <span class="count">{fleet.drivers.value.length}</span>
        </button>
      </div>
      {drivers.length === 0 ? (
        <Empty>No driver is on duty.</Empty>
      ) : (
        <ul class="drivers">
          {drivers.map((d) => (
            <DriverRow key={d.id} dashboard={dashboard} driver={d} />
          ))}
        </ul>
      )}
    </section>
  )
}

function DriverRow({ dashboard, driver }: { dashboard: Dashboard; driver: Driver }) {
  const { fleet } = dashboard
  const error = useSignal<string | null>(null)
  const position = fleet.positions.value.get(driver.id)
  const focused = dashboard.focusDriverId.value === driver.id
  const routeShown = dashboard.route.driverId.value === driver.id
  const shown = availabilityOf(driver)
  return (
    <li class={`driver${focused ? ' focused' : ''}`} data-driver-id={driver.id}>
      <div class="driver-top">
        <strong>{driver.name}</strong>
        <span class={`chip duty-${shown}`}>{DUTY_LABEL[shown]}</span>
      </div>
      <div class="meta">
        {VEHICLE_LABEL[driver.vehicleType] ?? driver.vehicleType}
        {driver.vehiclePlate && ` · ${driver.vehiclePlate}`}
        {` · ${driver.activeShipments} open`}
        {position ? ` · seen ${formatAgo(position.recordedAt)}` : ' · no position'}
      </div>
      <div class="inline">
        {position && (
          <button
            class="button small"
            type="button"
            onClick={() => {
              dashboard.focusDriverId.value = null
              dashboard.focusDriverId.value = driver.id
              dashboard.pane.value = 'map'
            }}
          >
            Show on map
          </button>
        )}
        {(driver.activeShipments > 0 || routeShown) && (
          <button
            class="button small"
            type="button"
            aria-pressed={routeShown}
            onClick={() => {
              dashboard.route.show(routeShown ? null : driver.id)
              if (!routeShown) dashboard.pane.value = 'map'
            }}
          >
            {routeShown ? 'Hide route' : 'Show route'}
          </button>
        )}
        <label class="visually-hidden" for={`duty-${driver.id}`}>
          Duty of {driver.name}
        </label>
        <select
          id={`duty-${driver.id}`}
          class="duty-select"
          value={driver.dutyStatus}
          onChange={async (e) => {
            const to = e.currentTarget.value as DutyStatus
            error.value = null
            try {
              await fleet.setDuty(driver.id, to)
            } catch (failure) {
              error.value = messageOf(failure)
              e.currentTarget.value = driver.dutyStatus
            }
          }}
        >
          {(Object.keys(DUTY_LABEL) as DutyStatus[]).map((duty) => (
            <option key={duty} value={duty}>
              {DUTY_LABEL[duty]}
            </option>
          ))}
        </select>
      </div>
      {error.value && (
        <p class="field-error" role="alert">
          {error.value}
        </p>
      )}
      {routeShown && dashboard.route.route.value?.driverId === driver.id && (
        <RouteStopList route={dashboard.route.route.value} />
      )}
      {routeShown && dashboard.route.error.value && (
        <p class="field-error" role="alert">
          Route: {dashboard.route.error.value}
        </p>
      )}
    </li>
  )
}
