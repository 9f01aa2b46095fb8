/**
 * The shipment status machine (DESIGN.md §4): which status may follow which, and who may
 * make each move. Pure rules; handlers call them before the guarded `update ... where
 * status = from` that makes the move atomic.
 */

export const SHIPMENT_STATUSES = [
  'pending',
  'assigned',
  'picked_up',
  'in_transit',
  'delivered',
  'failed',
  'cancelled',
] as const
export type ShipmentStatus = (typeof SHIPMENT_STATUSES)[number]

/** Between getting a driver and the end of the journey: a driver is on it, live on the map. */
export const ACTIVE_STATUSES = [
  'assigned',
  'picked_up',
  'in_transit',
  'failed',
] as const satisfies readonly ShipmentStatus[]

export const ROLES = ['admin', 'dispatcher', 'driver', 'customer'] as const
export type Role = (typeof ROLES)[number]

/** Who is asking: their role, and for drivers the driver record they act as. */
export interface Actor {
  role: Role
  userId: string
  driverId?: string | null
}

/** The parts of a shipment that decide who may move it. */
export interface ShipmentParties {
  status: ShipmentStatus
  driverId: string | null
  customerId: string | null
}

type Party = 'staff' | 'assigned_driver' | 'claiming_driver' | 'owning_customer'

interface Move {
  from: ShipmentStatus
  to: ShipmentStatus
  by: readonly Party[]
  /** A failed attempt or a cancellation must say why, for the timeline and the customer. */
  needsReason?: boolean
}

const MOVES: readonly Move[] = [
  { from: 'pending', to: 'assigned', by: ['staff', 'claiming_driver'] },
  { from: 'pending', to: 'cancelled', by: ['staff', 'owning_customer'], needsReason: true },
  { from: 'assigned', to: 'picked_up', by: ['staff', 'assigned_driver'] },
  { from: 'assigned', to: 'cancelled', by: ['staff', 'owning_customer'], needsReason: true },
  { from: 'picked_up', to: 'in_transit', by: ['staff', 'assigned_driver'] },
  { from: 'in_transit', to: 'delivered', by: ['staff', 'assigned_driver'] },
  { from: 'in_transit', to: 'failed', by: ['staff', 'assigned_driver'], needsReason: true },
  { from: 'failed', to: 'in_transit', by: ['staff', 'assigned_driver'] },
]

export const TERMINAL_STATUSES: readonly ShipmentStatus[] = ['delivered', 'cancelled']

export type TransitionVerdict =
  | { allowed: true; needsReason: boolean }
  | { allowed: false; code: 'invalid_transition' | 'forbidden_transition' }

/** The statuses a shipment in `from` may move to, whoever asks. */
export function nextStatuses(from: ShipmentStatus): ShipmentStatus[] {
  return MOVES.filter((move) => move.from === from).map((move) => move.to)
}

export function isTerminal(status: ShipmentStatus): boolean {
  return TERMINAL_STATUSES.includes(status)
}

const ACTIVE: ReadonlySet<ShipmentStatus> = new Set(ACTIVE_STATUSES)

/** Whether a driver is on a shipment in `status` (one of ACTIVE_STATUSES). */
export function isActive(status: ShipmentStatus): boolean {
  return ACTIVE.has(status)
}

/**
 * Decides whether `actor` may move `shipment` to `to`. For `pending → assigned`, pass the
 * driver who will hold the shipment as `assigneeDriverId`: a driver may only claim for
 * themselves.
 *
 * @example
 * checkTransition(shipment, 'picked_up', { role: 'driver', userId, driverId })
 * // { allowed: true, needsReason: false } when the shipment is assigned to that driver
 */
export function checkTransition(
  shipment: ShipmentParties,
  to: ShipmentStatus,
  actor: Actor,
  assigneeDriverId?: string | null,
): TransitionVerdict {
  const move = MOVES.find((m) => m.from === shipment.status && m.to === to)
  if (!move) return { allowed: false, code: 'invalid_transition' }
  const parties = partiesOf(actor, shipment, assigneeDriverId ?? null)
  if (!move.by.some((party) => parties.has(party))) {
    return { allowed: false, code: 'forbidden_transition' }
  }
  return { allowed: true, needsReason: move.needsReason ?? false }
}

function partiesOf(
  actor: Actor,
  shipment: ShipmentParties,
  assigneeDriverId: string | null,
): Set<Party> {
  const parties = new Set<Party>()
  switch (actor.role) {
    case 'admin':
    case 'dispatcher':
      parties.add('staff')
      break
    case 'driver':
      if (!actor.driverId) break
      if (shipment.driverId === actor.driverId) parties.add('assigned_driver')
      if (shipment.driverId === null && assigneeDriverId === actor.driverId) {
        parties.add('claiming_driver')
      }
      break
    case 'customer':
      if (shipment.customerId === actor.userId) parties.add('owning_customer')
      break
  }
  return parties
}

/**
 * Whether `viewer` may see where the driver of a shipment in `status` is. The customer and
 * the public tracking page see the driver only on the way to this door; staff and drivers
 * while a driver has the shipment. REST tracking, the shipment's location and the realtime
 * gateway all ask this.
 */
export function mayShowDriverPosition(status: ShipmentStatus, viewer: Role | 'public'): boolean {
  if (viewer === 'public' || viewer === 'customer') return status === 'in_transit'
  return isActive(status)
}
