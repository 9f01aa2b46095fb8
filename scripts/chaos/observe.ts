import type { Sql } from '@dropmate/db'

/** What the database holds about one scenario's load, read once it has settled. */
export interface Stored {
  shipments: Array<{ id: string; trackingNumber: string; receiverEmail: string; status: string }>
  /** Timeline rows of those shipments that moved their status. */
  timeline: Array<{ shipmentId: string; toStatus: string }>
  /** Every event their changes put in the outbox, with the status it announces, if any. */
  outbox: Array<{ id: string; type: string; subject: string; to: string | null }>
  /** How many history rows each of the load's pings became. */
  history: Array<{ eventId: string; rows: number }>
}

/** Reads the rows the checks compare with what the load was told. */
export async function readStored(sql: Sql, runId: string): Promise<Stored> {
  const shipments = await sql<Stored['shipments']>`
    select
      id,
      tracking_number,
      receiver_email,
      status
    from shipments
    where receiver_email like ${`${runId}-%`}
  `
  const ids = shipments.map((shipment) => shipment.id)
  const timeline = await sql<Stored['timeline']>`
    select
      shipment_id,
      to_status
    from shipment_events
    where shipment_id = any(${ids}::uuid[])
      and to_status is not null
  `
  const outbox = await sql<Stored['outbox']>`
    select
      id,
      type,
      subject,
      data->>'to' as to
    from outbox
    where subject = any(${ids}::text[])
  `
  const history = await sql<Stored['history']>`
    select
      event_id,
      count(*)::int as rows
    from driver_locations
    where event_source = ${`/chaos/${runId}`}
    group by event_id
  `
  return { shipments, timeline, outbox, history }
}
