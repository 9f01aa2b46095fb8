import { newTrackingNumber, type ShipmentStatus } from '@dropmate/core'
import type { Queryable } from '@dropmate/db'

/** A move on a seeded timeline: to what, when (ISO 8601), and the reason of a failure. */
export type Step = [to: ShipmentStatus, at: string, reason?: string]

export interface PastShipment {
  driverId: string
  /** The promised slot, ISO 8601 instants. */
  window?: { from: string; to: string }
  /** The moves after assignment, in order: picked_up, in_transit, failed, delivered… */
  steps: Step[]
}

/**
 * A shipment with a timeline in the past, written as the status machine would have left it:
 * created and assigned an hour before its first step, then each step as a status change.
 */
export async function seedPastShipment(sql: Queryable, past: PastShipment): Promise<string> {
  const first = new Date(new Date(past.steps[0]![1]).getTime() - 3_600_000)
  const last = past.steps.at(-1)!
  const at = (status: ShipmentStatus) => past.steps.find(([to]) => to === status)?.[1] ?? null
  const [shipment] = await sql<{ id: string }[]>`
    insert into shipments (
      tracking_number, status, driver_id,
      sender_name, sender_address, sender_lat, sender_lng,
      receiver_name, receiver_address, receiver_lat, receiver_lng,
      delivery_window_from, delivery_window_to,
      created_at, assigned_at, picked_up_at, delivered_at
    ) values (
      ${newTrackingNumber()}, ${last[0]}, ${past.driverId},
      'Padaria Estrela', 'Rua da Estrela 12, Lisboa', 38.7135, -9.1605,
      'Rita Sousa', 'Rua dos Remédios 4, Lisboa', 38.7118, -9.1306,
      ${past.window?.from ?? null}, ${past.window?.to ?? null},
      ${first}, ${first}, ${at('picked_up')}, ${at('delivered')}
    )
    returning id
  `
  const id = shipment!.id
  await sql`
    insert into shipment_events (shipment_id, type, to_status, occurred_at)
    values (${id}, 'created', 'pending', ${first}), (${id}, 'assigned', 'assigned', ${first})
  `
  let from: ShipmentStatus = 'assigned'
  for (const [to, when, reason] of past.steps) {
    await sql`
      insert into shipment_events (shipment_id, type, from_status, to_status, note, occurred_at)
      values (${id}, 'status_changed', ${from}, ${to}, ${reason ?? null}, ${when})
    `
    from = to
  }
  return id
}

/** Duty changes of a driver in the past: each status from its instant (ISO 8601) on. */
export async function seedDutyChanges(
  sql: Queryable,
  driverId: string,
  changes: [status: 'available' | 'busy' | 'offline', at: string][],
): Promise<void> {
  for (const [status, at] of changes) {
    await sql`
      insert into driver_duty_changes (driver_id, duty_status, changed_at)
      values (${driverId}, ${status}, ${at})
    `
  }
}
