import type { DutyStatus } from '@dropmate/core/fleet'
import type { ComponentChildren } from 'preact'
import type { DriverWork } from '../../models/driver-work'
import type { LocationSharing } from '../../models/location-sharing'
import { formatTime } from '../../ui/format'
import { ErrorNote } from '../../ui/widgets'

const DUTIES: Array<[DutyStatus, string]> = [
  ['available', 'On duty'],
  ['busy', 'Busy'],
  ['offline', 'Off duty'],
]

/** Duty status and location sharing: going off duty stops sharing, going on duty starts it. */
export function DutyCard({
  work,
  location,
  children,
}: {
  work: DriverWork
  location: LocationSharing
  children?: ComponentChildren
}) {
  const sharing = location.sharing.value
  const onDuty = work.duty.value === 'available' || work.duty.value === 'busy'
  const stalledSince = location.stalledSince.value
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
      {onDuty && !sharing && (
        <p class="sharing-alert" role="alert">
          Your location is not shared: the dispatcher cannot see where you are.
        </p>
      )}
      {sharing && stalledSince !== null && (
        <p class="sharing-alert" role="alert">
          No position since {formatTime(new Date(stalledSince).toISOString())}. Phones pause
          location while the screen is locked: keep DropMate open on screen.
        </p>
      )}
      {location.error.value && <p class="field-error">{location.error.value}</p>}
      {children}
    </section>
  )
}
