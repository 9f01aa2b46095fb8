import type { DriverRoute } from '@dropmate/contracts/rest/routes'
import { formatDistance, formatTime } from '../../ui/format'

/** A driver's stops in route order, numbered as on the map, under their row. */
export function RouteStopList({ route }: { route: DriverRoute }) {
  if (route.stops.length === 0) return <p class="meta">No stops: nothing open.</p>
  return (
    <div class="route-stops">
      <p class="meta">
        {route.stops.length} stops · {formatDistance(route.totalDistanceM)} by{' '}
        {route.distanceSource === 'road' ? 'road' : 'straight line'}
        {route.start ? '' : ' · position unknown'}
      </p>
      <ol aria-label="Stops in route order">
        {route.stops.map((stop, i) => (
          <li key={`${stop.shipmentId}-${stop.kind}`} class={stop.late ? 'late' : ''}>
            <span class={`route-n ${stop.kind}`} aria-hidden="true">
              {i + 1}
            </span>
            <a href={`/shipments/${stop.shipmentId}`}>
              {stop.kind === 'pickup' ? 'Collect' : 'Deliver'} {stop.trackingNumber}
            </a>
            <span class="meta">
              {stop.address}
              {stop.arrivalAt && ` · ${formatTime(stop.arrivalAt)}`}
              {stop.late && ' · late'}
            </span>
          </li>
        ))}
      </ol>
    </div>
  )
}
