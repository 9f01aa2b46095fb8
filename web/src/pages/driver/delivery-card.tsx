import { useSignal } from '@preact/signals'
import type { Shipment } from '@dropmate/contracts/rest'
import { shopTimeZone } from '../../config'
import type { DriverWork } from '../../models/driver-work'
import type { LocationSharing } from '../../models/location-sharing'
import type { StopCard } from '../../models/route-stops'
import { formatDistance, formatTime } from '../../ui/format'
import { formatSlotForPeople } from '../../ui/shop-clock'
import { ErrorNote, StatusChip } from '../../ui/widgets'
import { ProofStep } from './proof-step'

type Move = Parameters<DriverWork['move']>[1]

/** The one move forward a driver makes from each status, and its button's label. */
const NEXT_MOVE: Partial<Record<Shipment['status'], { to: Move; label: string }>> = {
  assigned: { to: 'picked_up', label: 'Picked up' },
  picked_up: { to: 'in_transit', label: 'Start delivery' },
  in_transit: { to: 'delivered', label: 'Delivered' },
  failed: { to: 'in_transit', label: 'Try again' },
}

/**
 * One stop on the route: where to go, and the buttons that move the shipment on from its
 * status, each sent with the phone's last position; delivered and failed through the proof
 * step. A drop-off whose parcel is still to be
 * collected has no buttons: its pickup stop has them.
 */
export function DeliveryCard({
  stop: card,
  work,
  location,
}: {
  stop: StopCard
  work: DriverWork
  location: LocationSharing
}) {
  const { n, shipment, kind, leg, collectAt } = card
  // Delivered and failed take a capture step first: photos, signature, name, or a reason.
  const capturing = useSignal<'delivered' | 'failed' | null>(null)
  const waiting = work.waiting.value.has(shipment.id)
  const busy = work.busyId.value === shipment.id
  const error = work.actionError.value?.id === shipment.id ? work.actionError.value.message : null
  const here = () => {
    const fix = location.lastFix.peek()
    return fix ? { position: { lat: fix.lat, lng: fix.lng } } : {}
  }
  const { receiver, sender } = shipment
  const collecting = kind === 'pickup'
  const stop = collecting ? sender : receiver
  const next = collectAt === undefined ? NEXT_MOVE[shipment.status] : undefined
  return (
    <li
      class={`card delivery${collectAt === undefined ? '' : ' waiting'}`}
      // Names the one card where the shipment's next move is made: the other waits for it.
      data-shipment-id={collectAt === undefined ? shipment.id : undefined}
      data-waits-for-pickup={collectAt === undefined ? undefined : shipment.id}
      data-stop-kind={kind}
      aria-label={`Stop ${n}: ${collecting ? 'collect' : 'deliver'} ${shipment.trackingNumber}`}
    >
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
      <PromisedSlot shipment={shipment} collecting={collecting} />
      {/* Nothing to say of a first stop with no known start, or one at the same door. */}
      {leg && (leg.legDistanceM > 0 || leg.arrivalAt) && (
        <p class={`meta delivery-leg${leg.late ? ' late' : ''}`}>
          {formatDistance(leg.legDistanceM)}
          {leg.arrivalAt && ` · about ${formatTime(leg.arrivalAt)}`}
          {leg.late && ' · after the promised slot'}
        </p>
      )}
      {collectAt !== undefined && <p class="meta">Collect it first, at stop {collectAt}.</p>}
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
      {waiting && <p class="meta">Saved on the phone: sent as soon as DropMate can take it.</p>}
      {capturing.value ? (
        <ProofStep
          id={shipment.id}
          outcome={capturing.value}
          busy={busy}
          onBack={() => (capturing.value = null)}
          onDone={async (proof, reason) => {
            const done = await work.finish(
              shipment.id,
              capturing.peek()!,
              { ...(reason && { reason }), ...here() },
              proof,
            )
            if (done) capturing.value = null
            return done
          }}
        />
      ) : (
        !waiting && (
          <div class="actions">
            {next && (
              <button
                class="button primary"
                type="button"
                disabled={busy}
                onClick={() =>
                  next.to === 'delivered'
                    ? (capturing.value = 'delivered')
                    : work.move(shipment.id, next.to, here())
                }
              >
                {next.label}
              </button>
            )}
            {shipment.status === 'in_transit' && (
              <button
                class="button danger"
                type="button"
                disabled={busy}
                onClick={() => (capturing.value = 'failed')}
              >
                Failed…
              </button>
            )}
          </div>
        )
      )}
    </li>
  )
}

/** The slot the receiver was promised, on the stop that delivers to them. */
function PromisedSlot({ shipment, collecting }: { shipment: Shipment; collecting: boolean }) {
  const timeZone = shopTimeZone()
  if (collecting || !shipment.deliveryWindow || !timeZone) return null
  return (
    <p class="meta delivery-slot">Slot {formatSlotForPeople(shipment.deliveryWindow, timeZone)}</p>
  )
}
