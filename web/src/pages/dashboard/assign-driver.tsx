import { availabilityOf } from '@dropmate/core/fleet'
import { useSignal } from '@preact/signals'
import type { Driver, Shipment } from '@dropmate/contracts/rest'
import type { Dashboard } from '../../models/dashboard'
import type { ShipmentDetail } from '../../models/shipment-detail'
import { formatDistance, VEHICLE_LABEL } from '../../ui/format'
import { Empty, ErrorNote, Spinner } from '../../ui/widgets'

/** Nearest drivers to suggest, or any on duty, for a shipment not yet picked up. */
export function AssignDriver({
  dashboard,
  detail,
  shipment,
}: {
  dashboard: Dashboard
  detail: ShipmentDetail
  shipment: Shipment
}) {
  const reassign = shipment.status === 'assigned'
  const chosen = useSignal('')
  const suggestions = detail.suggestions.value
  const others = dashboard.fleet.drivers.value.filter(
    (d) => d.dutyStatus !== 'offline' && d.id !== shipment.driverId,
  )
  return (
    <section class="assign" aria-labelledby="assign-title">
      <h3 id="assign-title">{reassign ? 'Hand to another driver' : 'Assign a driver'}</h3>
      <p class="meta">Nearest available drivers to the pickup</p>
      {detail.suggestionsError.value ? (
        <ErrorNote message={detail.suggestionsError.value} />
      ) : suggestions === null ? (
        <Spinner label="Finding drivers nearby" />
      ) : suggestions.filter((d) => d.driverId !== shipment.driverId).length === 0 ? (
        <Empty>No available driver within 20 km right now.</Empty>
      ) : (
        <ul class="suggestions">
          {suggestions
            .filter((d) => d.driverId !== shipment.driverId)
            .map((d) => (
              <li key={d.driverId}>
                <span>
                  <strong>{d.name}</strong>
                  <span class="meta">
                    {' '}
                    {VEHICLE_LABEL[d.vehicleType] ?? d.vehicleType} · {formatDistance(d.distanceM)}
                  </span>
                </span>
                <button
                  class="button small primary"
                  type="button"
                  disabled={detail.acting.value}
                  aria-label={`Assign to ${d.name}`}
                  onClick={() => detail.assign(d.driverId, reassign)}
                >
                  Assign
                </button>
              </li>
            ))}
        </ul>
      )}
      {others.length > 0 && (
        <form
          class="assign-any"
          onSubmit={(e) => {
            e.preventDefault()
            if (chosen.value) void detail.assign(chosen.value, reassign)
          }}
        >
          <label for="assign-driver">Or any driver on duty</label>
          <div class="inline">
            <select
              id="assign-driver"
              value={chosen.value}
              onChange={(e) => (chosen.value = e.currentTarget.value)}
            >
              <option value="">Choose a driver…</option>
              {others.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name} ({loadOf(d)})
                </option>
              ))}
            </select>
            <button class="button" type="submit" disabled={!chosen.value || detail.acting.value}>
              Assign
            </button>
          </div>
        </form>
      )}
    </section>
  )
}

/** `busy, 3` or `available`, as the drivers panel shows them. */
function loadOf(driver: Driver) {
  return availabilityOf(driver) === 'busy' ? `busy, ${driver.activeShipments}` : 'available'
}
