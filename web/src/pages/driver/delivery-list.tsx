import type { DriverWork } from '../../models/driver-work'
import type { LocationSharing } from '../../models/location-sharing'
import { formatTime } from '../../ui/format'
import { Empty, ErrorNote, Spinner } from '../../ui/widgets'
import { DeliveryCard } from './delivery-card'

/** The driver's stops in route order, numbered: a parcel to collect has two. */
export function DeliveryList({ work, location }: { work: DriverWork; location: LocationSharing }) {
  if (work.loading.value) return <Spinner label="Loading your deliveries" />
  if (work.error.value) return <ErrorNote message={work.error.value} onRetry={work.load} />
  const stops = work.stops.value
  if (stops.length === 0) return <Empty>Nothing to deliver right now.</Empty>
  const route = work.route.route.value
  const keptAt = work.keptAt.value
  return (
    <>
      {keptAt && (
        <p class="offline-note" role="status">
          Offline: your deliveries as of {formatTime(keptAt)}. They update when you are back online.
        </p>
      )}
      <p class="meta route-note" role="status">
        {route
          ? `${stops.length} stops in route order, by ${route.distanceSource === 'road' ? 'road' : 'straight-line'} distance`
          : 'Working out the route…'}
      </p>
      <ol class="deliveries">
        {stops.map((stop) => (
          <DeliveryCard
            key={`${stop.shipment.id}-${stop.kind}`}
            stop={stop}
            work={work}
            location={location}
          />
        ))}
      </ol>
    </>
  )
}
