import { useSignal } from '@preact/signals'
import { useEffect, useState } from 'preact/hooks'
import type { Shipment } from '@dropmate/contracts/rest'
import type { Dashboard } from '../../models/dashboard'
import { createShipmentDetail, type ShipmentDetail } from '../../models/shipment-detail'
import { navigate } from '../../router'
import { formatDateTime, formatDistance, STATUS_LABEL, VEHICLE_LABEL } from '../../ui/format'
import { Empty, ErrorNote, Spinner, StatusChip } from '../../ui/widgets'

export function ShipmentDetailPanel({ dashboard, id }: { dashboard: Dashboard; id: string }) {
  const [detail] = useState(() => createShipmentDetail(dashboard, id))
  useEffect(() => detail.dispose, [])
  const shipment = dashboard.store.byId.value.get(id)
  if (!shipment) {
    if (detail.shipmentError.value) {
      return <ErrorNote message={detail.shipmentError.value} onRetry={detail.loadShipment} />
    }
    return <Spinner label="Loading the shipment" />
  }
  const driver = shipment.driverId ? dashboard.fleet.byId.value.get(shipment.driverId) : null
  const trackUrl = `/track/${encodeURIComponent(shipment.trackingNumber)}`
  return (
    <article class="detail" aria-labelledby="detail-title">
      <div class="detail-head">
        <h2 id="detail-title" class="mono">
          {shipment.trackingNumber}
        </h2>
        <StatusChip status={shipment.status} />
        <button
          class="button small"
          type="button"
          aria-label="Close the shipment"
          onClick={() => navigate('/')}
        >
          Close
        </button>
      </div>
      <p class="meta">
        <a href={trackUrl} target="_blank" rel="noopener">
          Public tracking page
        </a>
        {shipment.reference && ` · Ref. ${shipment.reference}`}
      </p>
      <dl class="kv">
        <dt>To</dt>
        <dd>
          {shipment.receiver.name}
          {shipment.receiver.phone && (
            <>
              {' · '}
              <a href={`tel:${shipment.receiver.phone}`}>{shipment.receiver.phone}</a>
            </>
          )}
          <br />
          <span class="meta">{shipment.receiver.address}</span>
        </dd>
        <dt>From</dt>
        <dd>
          {shipment.sender.name}
          <br />
          <span class="meta">{shipment.sender.address}</span>
        </dd>
        {(shipment.package.description || shipment.package.weightKg) && (
          <>
            <dt>Parcel</dt>
            <dd>
              {[
                shipment.package.description,
                shipment.package.weightKg && `${shipment.package.weightKg} kg`,
              ]
                .filter(Boolean)
                .join(' · ')}
            </dd>
          </>
        )}
        <dt>Driver</dt>
        <dd>{driver ? driver.name : shipment.driverId ? 'Assigned' : 'None yet'}</dd>
        <dt>Created</dt>
        <dd>{formatDateTime(shipment.createdAt)}</dd>
        {shipment.cancellationReason && (
          <>
            <dt>Reason</dt>
            <dd>{shipment.cancellationReason}</dd>
          </>
        )}
      </dl>
      {(shipment.status === 'pending' || shipment.status === 'assigned') && (
        <Assign dashboard={dashboard} detail={detail} shipment={shipment} />
      )}
      {detail.actionError.value && <ErrorNote message={detail.actionError.value} />}
      <h3>Timeline</h3>
      <Timeline detail={detail} />
      {(shipment.status === 'pending' || shipment.status === 'assigned') && (
        <Cancel detail={detail} />
      )}
    </article>
  )
}

function Assign({
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
                  {d.name} ({d.dutyStatus === 'busy' ? `busy, ${d.activeShipments}` : 'available'})
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

function Timeline({ detail }: { detail: ShipmentDetail }) {
  if (detail.eventsError.value) {
    return <ErrorNote message={detail.eventsError.value} onRetry={detail.loadEvents} />
  }
  const events = detail.events.value
  if (!events) return <Spinner label="Loading the timeline" />
  if (events.length === 0) return <Empty>Nothing has happened yet.</Empty>
  return (
    <ol class="timeline">
      {[...events].reverse().map((event) => (
        <li key={event.id}>
          <strong>
            {event.toStatus === 'pending' && !event.fromStatus
              ? 'Created'
              : event.toStatus
                ? STATUS_LABEL[event.toStatus]
                : describe(event.type)}
          </strong>
          {event.actorRole && <span class="meta"> by {event.actorRole}</span>}
          {event.note && <div>{event.note}</div>}
          <span class="when">{formatDateTime(event.occurredAt)}</span>
        </li>
      ))}
    </ol>
  )
}

function describe(type: string) {
  const words = type.replace(/^shipment[._]/, '').replace(/[._]/g, ' ')
  return words.charAt(0).toUpperCase() + words.slice(1)
}

function Cancel({ detail }: { detail: ShipmentDetail }) {
  const open = useSignal(false)
  const reason = useSignal('')
  if (!open.value) {
    return (
      <button class="button danger small" type="button" onClick={() => (open.value = true)}>
        Cancel shipment…
      </button>
    )
  }
  return (
    <form
      class="cancel"
      onSubmit={async (e) => {
        e.preventDefault()
        if (reason.value.trim() && (await detail.cancel(reason.value.trim()))) open.value = false
      }}
    >
      <label for="cancel-reason">Why is it cancelled?</label>
      <input
        id="cancel-reason"
        required
        maxLength={500}
        value={reason.value}
        onInput={(e) => (reason.value = e.currentTarget.value)}
      />
      <div class="inline">
        <button
          class="button danger"
          type="submit"
          disabled={!reason.value.trim() || detail.acting.value}
        >
          Cancel shipment
        </button>
        <button class="button" type="button" onClick={() => (open.value = false)}>
          Keep it
        </button>
      </div>
    </form>
  )
}
