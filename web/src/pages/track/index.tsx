import type { ShipmentStatus } from '@dropmate/core/status-machine'
import { useSignal } from '@preact/signals'
import { useEffect, useState } from 'preact/hooks'
import type { TrackingView } from '@dropmate/contracts/rest'
import { shopTimeZone } from '../../config'
import { createTracking, type Tracking } from '../../models/tracking'
import { navigate } from '../../router'
import {
  formatDateTime,
  formatDistance,
  formatTime,
  PUBLIC_STATUS,
  publicTimelineLabel,
} from '../../ui/format'
import { lazyComponent } from '../../ui/lazy'
import { formatSlotForPeople } from '../../ui/shop-clock'
import { Logo } from '../../ui/logo'
import { ErrorNote, LinkBadge, Spinner } from '../../ui/widgets'
import { TrackingProof } from './tracking-proof'
import './track.css'

// Leaflet is most of a map's weight: the status comes first, the map right after.
const TrackMap = lazyComponent(
  () => import('./track-map'),
  () => <div class="track-map" aria-hidden="true" />,
)

/** `/track/:trackingNumber`, public and phone-first; `/track` asks for the number. */
export default function TrackPage({ params }: { params: string[] }) {
  const number = params[0]
  return (
    <div class="track">
      <header class="track-bar">
        <a class="track-brand" href="/track">
          <Logo /> DropMate
        </a>
      </header>
      {number ? <Tracked key={number} trackingNumber={number} /> : <Lookup />}
    </div>
  )
}

function Lookup({ unknown }: { unknown?: string }) {
  const value = useSignal('')
  useEffect(() => {
    if (!unknown) document.title = 'Track a parcel · DropMate'
  }, [])
  return (
    <main class="track-main narrow">
      {unknown ? (
        <>
          <h1>We can’t find that parcel</h1>
          <p>
            No parcel has the tracking number <strong class="mono">{unknown}</strong>. Check it
            against your message or receipt and try again.
          </p>
        </>
      ) : (
        <>
          <h1>Track a parcel</h1>
          <p>Enter the tracking number from your message or receipt.</p>
        </>
      )}
      <form
        class="lookup"
        onSubmit={(e) => {
          e.preventDefault()
          const number = value.value.trim()
          if (number) navigate(`/track/${encodeURIComponent(number)}`)
        }}
      >
        <label for="tracking-number">Tracking number</label>
        <div class="inline">
          <input
            id="tracking-number"
            class="mono"
            autoComplete="off"
            autoCapitalize="characters"
            spellcheck={false}
            required
            value={value.value}
            onInput={(e) => (value.value = e.currentTarget.value)}
          />
          <button class="button primary" type="submit">
            Track
          </button>
        </div>
      </form>
    </main>
  )
}

function Tracked({ trackingNumber }: { trackingNumber: string }) {
  const [tracking] = useState(() => createTracking(trackingNumber))
  useEffect(() => tracking.dispose, [])
  const view = tracking.view.value
  useEffect(() => {
    document.title = view
      ? `${PUBLIC_STATUS[view.status]} · ${view.trackingNumber} · DropMate`
      : 'Tracking · DropMate'
  }, [view?.status])
  switch (tracking.state.value) {
    case 'loading':
      return <Spinner label="Finding your parcel" />
    case 'not_found':
      return <Lookup unknown={trackingNumber} />
    case 'error':
      return (
        <main class="track-main narrow">
          <h1>Tracking is unavailable</h1>
          <ErrorNote message={tracking.error.value ?? ''} onRetry={tracking.load} />
        </main>
      )
  }
  return <TrackedView tracking={tracking} view={view!} />
}

const STEPS: Array<[string, ShipmentStatus[]]> = [
  ['Received', ['pending', 'assigned']],
  ['Picked up', ['picked_up']],
  ['On the way', ['in_transit', 'failed']],
  ['Delivered', ['delivered']],
]

function TrackedView({ tracking, view }: { tracking: Tracking; view: TrackingView }) {
  const reached = STEPS.findIndex(([, statuses]) => statuses.includes(view.status))
  return (
    <main class="track-main">
      <section class="track-summary" aria-labelledby="track-status">
        <p class="meta">
          Tracking number <span class="mono">{view.trackingNumber}</span>
        </p>
        <h1 id="track-status" class={`track-status status-text-${view.status}`} aria-live="polite">
          {PUBLIC_STATUS[view.status]}
        </h1>
        <Eta view={view} />
        {view.status !== 'cancelled' && (
          <ol class="steps" aria-label="Progress">
            {STEPS.map(([label], i) => (
              <li
                key={label}
                class={i <= reached ? 'done' : ''}
                aria-current={i === reached ? 'step' : undefined}
              >
                {label}
              </li>
            ))}
          </ol>
        )}
        <dl class="kv">
          <dt>Delivering to</dt>
          <dd>{view.destination.area ?? 'The address on the order'}</dd>
          <Slot view={view} />
          {view.driver && (
            <>
              <dt>Driver</dt>
              <dd>{view.driver.firstName}</dd>
            </>
          )}
        </dl>
        <div class="inline track-actions">
          <ShareButton view={view} />
          <LinkBadge state={tracking.link} />
        </div>
      </section>
      <TrackMap view={view} />
      <TrackingProof view={view} />
      <section class="track-timeline" aria-labelledby="timeline-title">
        <h2 id="timeline-title">History</h2>
        <ol class="timeline">
          {[...view.timeline].reverse().map((entry, i) => (
            <li key={`${entry.at}${i}`}>
              <strong>{publicTimelineLabel(entry.status)}</strong>
              <span class="when">{formatDateTime(entry.at)}</span>
            </li>
          ))}
        </ol>
      </section>
    </main>
  )
}

function Eta({ view }: { view: TrackingView }) {
  if (view.status === 'delivered' && view.deliveredAt) {
    return <p class="eta">Delivered at {formatTime(view.deliveredAt)}</p>
  }
  if (view.status === 'in_transit' && view.eta) {
    return (
      <p class="eta">
        Arriving between <strong>{formatTime(view.eta.earliest)}</strong> and{' '}
        <strong>{formatTime(view.eta.latest)}</strong>
        <span class="meta"> · {formatDistance(view.eta.distanceM)} away</span>
      </p>
    )
  }
  if (view.status === 'failed') {
    return <p class="eta">The driver could not deliver this time and will try again.</p>
  }
  return null
}

/** The slot promised for the parcel, until it is delivered or cancelled. */
function Slot({ view }: { view: TrackingView }) {
  const timeZone = shopTimeZone()
  const open = view.status !== 'delivered' && view.status !== 'cancelled'
  if (!view.deliveryWindow || !timeZone || !open) return null
  return (
    <>
      <dt>Delivery slot</dt>
      <dd class="track-slot">{formatSlotForPeople(view.deliveryWindow, timeZone)}</dd>
    </>
  )
}

function ShareButton({ view }: { view: TrackingView }) {
  const copied = useSignal(false)
  const url = `${location.origin}/track/${encodeURIComponent(view.trackingNumber)}`
  return (
    <button
      class="button small"
      type="button"
      onClick={async () => {
        const share = { title: 'Parcel tracking', url }
        if (navigator.share) {
          await navigator.share(share).catch(() => {})
          return
        }
        await navigator.clipboard?.writeText(url).catch(() => {})
        copied.value = true
        setTimeout(() => (copied.value = false), 2000)
      }}
    >
      {copied.value ? 'Link copied' : 'Share link'}
    </button>
  )
}
