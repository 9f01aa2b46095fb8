import type { ShipmentStatus } from '@dropmate/core'
import type { Queryable } from '../client'
import type { DeliveryWindow, Party, Shipment } from '../types'

export interface NewShipment {
  trackingNumber: string
  reference?: string | null
  sender: Party
  receiver: Party
  packageWeightKg?: number | null
  packageDescription?: string | null
  packageDetails?: Record<string, unknown>
  customerId?: string | null
  createdBy?: string | null
  notes?: string | null
  deliveryWindow?: DeliveryWindow | null
  /** Defaults to the database clock; demo data backdates it. */
  createdAt?: Date
}

/** Inserts a pending shipment; undefined when its reference is already taken. */
export async function insertShipment(
  sql: Queryable,
  shipment: NewShipment,
): Promise<Shipment | undefined> {
  const { sender, receiver } = shipment
  const [created] = await sql<Shipment[]>`
    insert into shipments ${sql({
      trackingNumber: shipment.trackingNumber,
      reference: shipment.reference ?? null,
      senderName: sender.name,
      senderPhone: sender.phone,
      senderEmail: sender.email,
      senderAddress: sender.address,
      senderLat: sender.lat,
      senderLng: sender.lng,
      receiverName: receiver.name,
      receiverPhone: receiver.phone,
      receiverEmail: receiver.email,
      receiverAddress: receiver.address,
      receiverLat: receiver.lat,
      receiverLng: receiver.lng,
      packageWeightKg: shipment.packageWeightKg ?? null,
      packageDescription: shipment.packageDescription ?? null,
      packageDetails: sql.json((shipment.packageDetails ?? {}) as never),
      customerId: shipment.customerId ?? null,
      createdBy: shipment.createdBy ?? null,
      notes: shipment.notes ?? null,
      deliveryWindowFrom: shipment.deliveryWindow?.from ?? null,
      deliveryWindowTo: shipment.deliveryWindow?.to ?? null,
      createdAt: shipment.createdAt ?? new Date(),
    })}
    on conflict (reference) where reference is not null do nothing
    returning *
  `
  return created
}

export interface StatusMove {
  id: string
  from: ShipmentStatus
  to: ShipmentStatus
  /** The driver taking the shipment, for moves to `assigned`. */
  driverId?: string
  /** Why a shipment was cancelled. */
  reason?: string | null
  at?: Date
}

/** The column each status stamps when a shipment reaches it. */
const STAMPED: Partial<Record<ShipmentStatus, string>> = {
  assigned: 'assigned_at',
  picked_up: 'picked_up_at',
  delivered: 'delivered_at',
  cancelled: 'cancelled_at',
}

/**
 * Moves a shipment from one status to another in one guarded statement. Undefined when the
 * shipment is not in `from` any more: someone else moved it first. Whether the move is
 * allowed is the status machine's call (@dropmate/core), made before this.
 */
export async function moveShipmentStatus(
  sql: Queryable,
  move: StatusMove,
): Promise<Shipment | undefined> {
  const at = move.at ?? new Date()
  const stamped = STAMPED[move.to]
  const [moved] = await sql<Shipment[]>`
    update shipments
    set
      status = ${move.to},
      driver_id = ${move.to === 'assigned' ? (move.driverId ?? null) : sql`driver_id`},
      cancellation_reason = ${move.to === 'cancelled' ? (move.reason ?? null) : sql`cancellation_reason`}
      ${stamped ? sql`, ${sql(stamped)} = ${at}` : sql``}
    where id = ${move.id}
      and status = ${move.from}
    returning *
  `
  return moved
}

export async function findShipmentById(sql: Queryable, id: string): Promise<Shipment | undefined> {
  const [shipment] = await sql<Shipment[]>`
    select *
    from shipments
    where id = ${id}
  `
  return shipment
}

/** Reads a shipment and locks it until the transaction ends: changes to it queue here. */
export async function lockShipment(sql: Queryable, id: string): Promise<Shipment | undefined> {
  const [shipment] = await sql<Shipment[]>`
    select *
    from shipments
    where id = ${id}
    for update
  `
  return shipment
}

/** Hands an assigned shipment to another driver; the status stays `assigned`. */
export async function reassignShipment(
  sql: Queryable,
  reassignment: { id: string; driverId: string },
): Promise<Shipment | undefined> {
  const [moved] = await sql<Shipment[]>`
    update shipments
    set driver_id = ${reassignment.driverId},
      assigned_at = now()
    where id = ${reassignment.id}
      and status = 'assigned'
    returning *
  `
  return moved
}
