import type { ShipmentDetail } from '../../models/shipment-detail'
import { formatDateTime, STATUS_LABEL } from '../../ui/format'
import { Empty, ErrorNote, Spinner } from '../../ui/widgets'

/** What happened to the shipment, newest first. */
export function ShipmentTimeline({ detail }: { detail: ShipmentDetail }) {
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
                : eventTypeLabel(event.type)}
          </strong>
          {event.actorRole && <span class="meta"> by {event.actorRole}</span>}
          {event.note && <div>{event.note}</div>}
          <span class="when">{formatDateTime(event.occurredAt)}</span>
        </li>
      ))}
    </ol>
  )
}

/** An event that changes no status, as words: `shipment.assigned` reads "Assigned". */
function eventTypeLabel(type: string) {
  const words = type.replace(/^shipment[._]/, '').replace(/[._]/g, ' ')
  return words.charAt(0).toUpperCase() + words.slice(1)
}
