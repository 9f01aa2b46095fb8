import type { Queryable } from '../client'
import type { DeliveryWindow, Shipment } from '../types'

/** What an edit may change: the receiver, notes and delivery slot; absent fields stay. */
export interface ShipmentChanges {
  receiverName?: string
  receiverPhone?: string | null
  receiverEmail?: string | null
  receiverAddress?: string
  receiverLat?: number
  receiverLng?: number
  notes?: string | null
  deliveryWindow?: DeliveryWindow | null
}

/**
 * Applies an edit to the shipment at `version`, in one statement; undefined when the
 * shipment is at another version by now (someone changed it since the caller read it).
 */
export async function editShipment(
  sql: Queryable,
  edit: { id: string; version: number; changes: ShipmentChanges },
): Promise<Shipment | undefined> {
  const { deliveryWindow, ...columns } = edit.changes
  const window =
    deliveryWindow === undefined
      ? {}
      : {
          deliveryWindowFrom: deliveryWindow?.from ?? null,
          deliveryWindowTo: deliveryWindow?.to ?? null,
        }
  const set = { ...definedOnly(columns), ...window }
  const [edited] = await sql<Shipment[]>`
    update shipments
    set ${sql(set)}
    where id = ${edit.id}
      and version = ${edit.version}
    returning *
  `
  return edited
}

function definedOnly<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(values).filter(([, value]) => value !== undefined),
  ) as Partial<T>
}

/**
 * Marks a parcel in transit as at risk of missing its slot; undefined when it was marked
 * already (or is no longer in transit), so the mark and its event happen once per shipment.
 */
export async function markAtRisk(sql: Queryable, id: string): Promise<Shipment | undefined> {
  const [marked] = await sql<Shipment[]>`
    update shipments
    set at_risk_at = now()
    where id = ${id}
      and status = 'in_transit'
      and at_risk_at is null
    returning *
  `
  return marked
}
