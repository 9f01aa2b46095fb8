import type { DriverWork } from '../../models/driver-work'
import type { LocationSharing } from '../../models/location-sharing'
import { Empty, ErrorNote, Spinner } from '../../ui/widgets'
import { DeliveryCard } from './delivery-card'

/** The driver's deliveries in route order, numbered. */
export function DeliveryList({ work, location }: { work: DriverWork; location: LocationSharing }) {
  if (work.loading.value) return <Spinner label="Loading your deliveries" />
  if (work.error.value) return <ErrorNote message={work.error.value} onRetry={work.load} />
  const deliveries = work.deliveries.value
  if (deliveries.length === 0) return <Empty>Nothing to deliver right now.</Empty>
  return (
    <ol class="deliveries">
      {deliveries.map((s, i) => (
        <DeliveryCard key={s.id} n={i + 1} shipment={s} work={work} location={location} />
      ))}
    </ol>
  )
}
