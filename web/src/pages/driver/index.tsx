import { useSignal } from '@preact/signals'
import { useEffect, useState } from 'preact/hooks'
import type { Shipment } from '@dropmate/contracts/rest'
import type { DutyStatus } from '@dropmate/core/fleet'
import { createDriverWork, type DriverWork } from '../../models/driver-work'
import { createLocationSharing, type LocationSharing } from '../../models/location-sharing'
import { account } from '../../models/session'
import { navigate } from '../../router'
import { formatTime } from '../../ui/format'
import { Topbar } from '../../ui/topbar'
import { Empty, ErrorNote, Spinner, StatusChip } from '../../ui/widgets'
import './driver.css'

/** `/driver`, for a phone: duty, location sharing, and the deliveries to do, in order. */
export default function DriverPage() {
  const me = account.value
  useEffect(() => {
    document.title = 'My deliveries · DropMate'
    if (!me) navigate(`/login?next=/driver`, { replace: true })
    else if (me.role !== 'driver') navigate('/', { replace: true })
  }, [me])
  if (!me || me.role !== 'driver' || !me.driverId) return null
  return <DriverView key={me.driverId} driverId={me.driverId} />
}

function DriverView({ driverId }: { driverId: string }) {
  const [work] = useState(() => createDriverWork(driverId))
  const [location] = useState(() => createLocationSharing(driverId))
  useEffect(
    () => () => {
      work.dispose()
      location.dispose()
    },
    [],
  )
  return (
    <div class="driver-page">
      <Topbar link={work.link} />
      <main class="driver-main">
        <DutyCard work={work} location={location} />
        <section aria-labelledby="deliveries-title">
          <h1 id="deliveries-title">My deliveries</h1>
          <Deliveries work={work} location={location} />
        </section>
      </main>
    </div>
  )
}

const DUTIES: Array<[DutyStatus, string]> = [
  ['available', 'On duty'],
  ['busy', 'Busy'],
  ['offline', 'Off duty'],
]

function DutyCard({ work, location }: { work: DriverWork; location: LocationSharing }) {
  const sharing = location.sharing.value
  return (
    <section class="card duty-card" aria-label="Duty and location">
      <div class="duty" role="group" aria-label="Duty status">
        {DUTIES.map(([duty, label]) => (
          <button
            key={duty}
            type="button"
            class="button duty-button"
            aria-pressed={work.duty.value === duty}
            onClick={() => {
              void work.setDuty(duty)
              if (duty === 'offline') location.stop()
              else if (!location.sharing.peek()) location.start()
            }}
          >
            {label}
          </button>
        ))}
      </div>
      {work.duty.value === null && <p class="meta">Choose your duty status to start.</p>}
      {work.dutyError.value && <ErrorNote message={work.dutyError.value} />}
      <div class="share-row">
        <button
          type="button"
          class="button share-button"
          aria-pressed={sharing}
          onClick={() => (sharing ? location.stop() : location.start())}
        >
          {sharing ? 'Sharing location' : 'Share my location'}
        </button>
        <span class="meta" role="status">
          {location.waiting.value > 0
            ? `${location.waiting.value} position${location.waiting.value === 1 ? '' : 's'} waiting for a connection`
            : location.lastSentAt.value
              ? `Last sent ${formatTime(location.lastSentAt.value)}`
              : sharing
                ? 'Waiting for a position…'
                : 'Not shared'}
        </span>
      </div>
      {location.error.value && <p class="field-error">{location.error.value}</p>}
    </section>
  )
}

function Deliveries({ work, location }: { work: DriverWork; location: LocationSharing }) {
  if (work.loading.value) return <Spinner label="Loading your deliveries" />
  if (work.error.value) return <ErrorNote message={work.error.value} onRetry={work.load} />
  const deliveries = work.deliveries.value
  if (deliveries.length === 0) return <Empty>Nothing to deliver right now.</Empty>
  return (
    <ol class="deliveries">
      {deliveries.map((s, i) => (
        <Delivery key={s.id} n={i + 1} shipment={s} work={work} location={location} />
      ))}
    </ol>
  )
}

function Delivery({
  n,
  shipment,
  work,
  location,
}: {
  n: number
  shipment: Shipment
  work: DriverWork
  location: LocationSharing
}) {
  const failing = useSignal(false)
  const reason = useSignal('')
  const busy = work.busyId.value === shipment.id
  const error = work.actionError.value?.id === shipment.id ? work.actionError.value.message : null
  const here = () => {
    const fix = location.lastFix.peek()
    return fix ? { position: { lat: fix.lat, lng: fix.lng } } : {}
  }
  const { receiver, sender } = shipment
  const collecting = shipment.status === 'assigned'
  const stop = collecting ? sender : receiver
  return (
    <li class="card delivery" data-shipment-id={shipment.id} aria-label={`Delivery ${n}`}>
      <div class="delivery-top">
        <span class="delivery-n" aria-hidden="true">
          {n}
        </span>
        <span class="mono">{shipment.trackingNumber}</span>
        <StatusChip status={shipment.status} />
      </div>
      <p class="delivery-where">
        <span class="meta">{collecting ? 'Collect from' : 'Deliver to'}</span>
        <br />
        <strong>{stop.name}</strong>
        <br />
        {stop.address}
      </p>
      <p class="inline delivery-links">
        <a class="button small" href={`geo:${stop.lat},${stop.lng}?q=${stop.lat},${stop.lng}`}>
          Directions
        </a>
        {stop.phone && (
          <a class="button small" href={`tel:${stop.phone}`}>
            Call {stop.name.split(' ')[0]}
          </a>
        )}
      </p>
      {shipment.package.description && <p class="meta">{shipment.package.description}</p>}
      {error && <ErrorNote message={error} />}
      {failing.value ? (
        <form
          class="fail-form"
          onSubmit={async (e) => {
            e.preventDefault()
            if (!reason.value.trim()) return
            if (await work.move(shipment.id, 'failed', { reason: reason.value.trim(), ...here() }))
              failing.value = false
          }}
        >
          <label for={`reason-${shipment.id}`}>What went wrong?</label>
          <input
            id={`reason-${shipment.id}`}
            required
            maxLength={500}
            placeholder="e.g. Nobody home"
            value={reason.value}
            onInput={(e) => (reason.value = e.currentTarget.value)}
          />
          <div class="inline">
            <button class="button danger" type="submit" disabled={busy || !reason.value.trim()}>
              Report failed delivery
            </button>
            <button class="button" type="button" onClick={() => (failing.value = false)}>
              Back
            </button>
          </div>
        </form>
      ) : (
        <div class="actions">
          {shipment.status === 'assigned' && (
            <button
              class="button primary"
              type="button"
              disabled={busy}
              onClick={() => work.move(shipment.id, 'picked_up', here())}
            >
              Picked up
            </button>
          )}
          {shipment.status === 'picked_up' && (
            <button
              class="button primary"
              type="button"
              disabled={busy}
              onClick={() => work.move(shipment.id, 'in_transit', here())}
            >
              Start delivery
            </button>
          )}
          {shipment.status === 'in_transit' && (
            <>
              <button
                class="button primary"
                type="button"
                disabled={busy}
                onClick={() => work.move(shipment.id, 'delivered', here())}
              >
                Delivered
              </button>
              <button
                class="button danger"
                type="button"
                disabled={busy}
                onClick={() => (failing.value = true)}
              >
                Failed…
              </button>
            </>
          )}
          {shipment.status === 'failed' && (
            <button
              class="button primary"
              type="button"
              disabled={busy}
              onClick={() => work.move(shipment.id, 'in_transit', here())}
            >
              Try again
            </button>
          )}
        </div>
      )}
    </li>
  )
}
