import type { Sql } from '@dropmate/db'
import type { ParcelOnItsWay } from '../lib/links'

/**
 * The parcel that set off last and is still in transit, with its driver: the one to open
 * first, since the simulator drives every demo driver and the page shows the driver only
 * while the parcel is in transit. Undefined when nothing is, after a long simulation.
 */
export async function findParcelOnItsWay(sql: Sql): Promise<ParcelOnItsWay | undefined> {
  const [parcel] = await sql<ParcelOnItsWay[]>`
    select
      s.tracking_number,
      u.name as driver_name,
      d.vehicle_type
    from shipments s
    join drivers d on d.id = s.driver_id
    join users u on u.id = d.user_id
    where s.status = 'in_transit'
    order by (
      select max(e.occurred_at)
      from shipment_events e
      where e.shipment_id = s.id
        and e.to_status = 'in_transit'
    ) desc nulls last, s.id
    limit 1
  `
  return parcel
}
