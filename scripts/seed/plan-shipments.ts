import type { ShipmentStatus } from '@dropmate/core'
import type { Party } from '@dropmate/db'
import {
  CUSTOMER_CANCEL_REASONS,
  CUSTOMERS,
  DISPATCHERS,
  DRIVERS,
  FAILURE_REASONS,
  ITEMS,
  RETRY_NOTE,
  STAFF_CANCEL_REASONS,
  WALK_INS,
} from './demo-data'
import { createRandom, type Random } from './random'

export type StepActor = 'dispatcher' | 'driver' | 'customer'

export interface PlannedStep {
  to: ShipmentStatus
  by: StepActor
  /** Which of DISPATCHERS acts, when a dispatcher does. */
  dispatcher: number
  note: string | null
  at: Date
}

export interface PlannedShipment {
  reference: string
  receiver: Party
  /** Index into CUSTOMERS; null for a walk-in receiver without an account. */
  customer: number | null
  description: string
  weightKg: number
  /** Index into DRIVERS; null while nobody ever took it. */
  driver: number | null
  createdBy: number
  createdAt: Date
  steps: PlannedStep[]
}

const SEED = 0x0e57_e11a

/** Three days of a busy bakery: most parcels long delivered, a handful on the road now. */
const MIX: [ShipmentStatus, number][] = [
  ['delivered', 64],
  ['in_transit', 8],
  ['picked_up', 4],
  ['assigned', 6],
  ['pending', 6],
  ['failed', 5],
  ['cancelled', 7],
]
export const SHIPMENT_COUNT = MIX.reduce((sum, [, count]) => sum + count, 0)

const FORWARD: ShipmentStatus[] = ['assigned', 'picked_up', 'in_transit', 'delivered']
const ACTIVE: ShipmentStatus[] = ['pending', 'assigned', 'picked_up', 'in_transit']
const HISTORY_SECONDS = 72 * 3600
const ACTIVE_WINDOW_SECONDS = 60 * 60
const RETRY_GAP_MINUTES: [number, number] = [45, 180]
const GAP_MINUTES: Record<ShipmentStatus, [number, number]> = {
  pending: [0, 0],
  assigned: [3, 40],
  picked_up: [5, 30],
  in_transit: [1, 6],
  delivered: [8, 45],
  failed: [10, 40],
  cancelled: [10, 120],
}

const driversWhere = (keep: (duty: string) => boolean) =>
  DRIVERS.flatMap((driver, i) => (keep(driver.dutyStatus) ? [i] : []))
const BUSY = driversWhere((duty) => duty === 'busy')
const ON_DUTY = driversWhere((duty) => duty !== 'offline')
const ANYONE = driversWhere(() => true)

/**
 * The demo shop's shipments relative to `now`, the same every run: references are numbered
 * in creation order and every step lands after the one before, none after `now`.
 */
export function planShipments(now: Date): PlannedShipment[] {
  const random = createRandom(SEED)
  const targets = random.shuffle(MIX.flatMap(([status, count]) => Array(count).fill(status)))
  return targets
    .map((target: ShipmentStatus) => planOne(random, target, now))
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
    .map((plan, i) => ({ reference: `DEMO-${String(i + 1).padStart(4, '0')}`, ...plan }))
}

function planOne(
  random: Random,
  target: ShipmentStatus,
  now: Date,
): Omit<PlannedShipment, 'reference'> {
  const walkIn = random.chance(0.15)
  const customer = walkIn ? null : random.int(0, CUSTOMERS.length - 1)
  const [description, minKg, maxKg] = random.pick(ITEMS)
  const path = pathTo(target, random)
  // Whoever holds a parcel on the road right now is busy; old parcels went to anyone.
  const pool = !ACTIVE.includes(target) ? ANYONE : target === 'assigned' ? ON_DUTY : BUSY
  const driver = path.includes('assigned') ? random.pick(pool) : null

  let from: ShipmentStatus = 'pending'
  let elapsed = 0
  const steps = path.map((to) => {
    const [min, max] = from === 'failed' ? RETRY_GAP_MINUTES : GAP_MINUTES[to]
    elapsed += random.int(min * 60, max * 60)
    const step = { to, ...actorFor(random, from, to, customer), offset: elapsed }
    from = to
    return step
  })
  const window = ACTIVE.includes(target) ? ACTIVE_WINDOW_SECONDS : HISTORY_SECONDS - elapsed
  const createdAt = now.getTime() - (elapsed + random.int(0, window)) * 1000
  return {
    receiver: walkIn ? random.pick(WALK_INS) : CUSTOMERS[customer!]!,
    customer,
    description,
    weightKg: Math.round(random.float(minKg, maxKg) * 100) / 100,
    driver,
    createdBy: random.int(0, DISPATCHERS.length - 1),
    createdAt: new Date(createdAt),
    steps: steps.map(({ offset, ...step }) => ({
      ...step,
      at: new Date(createdAt + offset * 1000),
    })),
  }
}

function pathTo(target: ShipmentStatus, random: Random): ShipmentStatus[] {
  const road = FORWARD.slice(0, 3)
  switch (target) {
    case 'failed':
      return [...road, 'failed']
    case 'cancelled':
      return random.chance(0.5) ? ['cancelled'] : ['assigned', 'cancelled']
    case 'delivered':
      return random.chance(0.1) ? [...road, 'failed', 'in_transit', 'delivered'] : FORWARD
    default:
      return FORWARD.slice(0, FORWARD.indexOf(target) + 1)
  }
}

type StepActorship = Pick<PlannedStep, 'by' | 'dispatcher' | 'note'>

function actorFor(
  random: Random,
  from: ShipmentStatus,
  to: ShipmentStatus,
  customer: number | null,
): StepActorship {
  const dispatcher = random.int(0, DISPATCHERS.length - 1)
  switch (to) {
    case 'assigned':
      // Now and then a driver claims a parcel from the pending list instead.
      return { by: random.chance(0.15) ? 'driver' : 'dispatcher', dispatcher, note: null }
    case 'cancelled':
      return customer !== null && random.chance(0.5)
        ? { by: 'customer', dispatcher, note: random.pick(CUSTOMER_CANCEL_REASONS) }
        : { by: 'dispatcher', dispatcher, note: random.pick(STAFF_CANCEL_REASONS) }
    case 'failed':
      return { by: 'driver', dispatcher, note: random.pick(FAILURE_REASONS) }
    default:
      return { by: 'driver', dispatcher, note: from === 'failed' ? RETRY_NOTE : null }
  }
}
