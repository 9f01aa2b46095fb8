import { describe, expect, it } from 'vitest'
import {
  ACTIVE_STATUSES,
  SHIPMENT_STATUSES,
  TERMINAL_STATUSES,
  checkTransition,
  isTerminal,
  mayShowDriverPosition,
  nextStatuses,
  type Actor,
  type ShipmentParties,
  type ShipmentStatus,
} from './status-machine'

const CUSTOMER = 'user-customer'
const DRIVER = 'driver-1'

/** Every kind of person who might ask, against a shipment owned by CUSTOMER. */
const ASKERS: Record<string, { actor: Actor; assignee?: string }> = {
  admin: { actor: { role: 'admin', userId: 'user-admin' }, assignee: DRIVER },
  dispatcher: { actor: { role: 'dispatcher', userId: 'user-dispatcher' }, assignee: DRIVER },
  'assigned driver': { actor: { role: 'driver', userId: 'user-d1', driverId: DRIVER } },
  'driver claiming for themselves': {
    actor: { role: 'driver', userId: 'user-d2', driverId: 'driver-2' },
    assignee: 'driver-2',
  },
  'driver claiming for someone else': {
    actor: { role: 'driver', userId: 'user-d2', driverId: 'driver-2' },
    assignee: 'driver-3',
  },
  'other driver': { actor: { role: 'driver', userId: 'user-d2', driverId: 'driver-2' } },
  'driver without a driver record': { actor: { role: 'driver', userId: 'user-d4' } },
  'owning customer': { actor: { role: 'customer', userId: CUSTOMER } },
  'other customer': { actor: { role: 'customer', userId: 'user-stranger' } },
}

/** DESIGN.md §4, spelled out: every move that is allowed, and by whom. Nothing else is. */
const ALLOWED = new Set([
  'pending → assigned by admin',
  'pending → assigned by dispatcher',
  'pending → assigned by driver claiming for themselves',
  'pending → cancelled by admin',
  'pending → cancelled by dispatcher',
  'pending → cancelled by owning customer',
  'assigned → picked_up by admin',
  'assigned → picked_up by dispatcher',
  'assigned → picked_up by assigned driver',
  'assigned → cancelled by admin',
  'assigned → cancelled by dispatcher',
  'assigned → cancelled by owning customer',
  'picked_up → in_transit by admin',
  'picked_up → in_transit by dispatcher',
  'picked_up → in_transit by assigned driver',
  'in_transit → delivered by admin',
  'in_transit → delivered by dispatcher',
  'in_transit → delivered by assigned driver',
  'in_transit → failed by admin',
  'in_transit → failed by dispatcher',
  'in_transit → failed by assigned driver',
  'failed → in_transit by admin',
  'failed → in_transit by dispatcher',
  'failed → in_transit by assigned driver',
])

function shipmentIn(status: ShipmentStatus): ShipmentParties {
  const unassigned = status === 'pending'
  return { status, driverId: unassigned ? null : DRIVER, customerId: CUSTOMER }
}

const cases = SHIPMENT_STATUSES.flatMap((from) =>
  SHIPMENT_STATUSES.flatMap((to) => Object.keys(ASKERS).map((who) => ({ from, to, who }))),
)

describe('checkTransition', () => {
  it.each(cases)('$from → $to by $who follows DESIGN.md', ({ from, to, who }) => {
    const { actor, assignee } = ASKERS[who]!
    const verdict = checkTransition(shipmentIn(from), to, actor, assignee)
    expect(verdict.allowed).toBe(ALLOWED.has(`${from} → ${to} by ${who}`))
  })

  it('names a move the machine does not have as invalid, whoever asks', () => {
    const verdict = checkTransition(shipmentIn('delivered'), 'in_transit', ASKERS.admin!.actor)
    expect(verdict).toEqual({ allowed: false, code: 'invalid_transition' })
  })

  it('names a real move made by the wrong person as forbidden', () => {
    const stranger = ASKERS['other driver']!.actor
    const verdict = checkTransition(shipmentIn('assigned'), 'picked_up', stranger)
    expect(verdict).toEqual({ allowed: false, code: 'forbidden_transition' })
  })

  it('refuses to deliver a shipment that was never picked up', () => {
    const driver = ASKERS['assigned driver']!.actor
    expect(checkTransition(shipmentIn('assigned'), 'delivered', driver).allowed).toBe(false)
  })

  it('asks for a reason when an attempt fails or a shipment is cancelled', () => {
    const admin = ASKERS.admin!.actor
    expect(checkTransition(shipmentIn('in_transit'), 'failed', admin)).toEqual({
      allowed: true,
      needsReason: true,
    })
    expect(checkTransition(shipmentIn('pending'), 'cancelled', admin)).toEqual({
      allowed: true,
      needsReason: true,
    })
    expect(checkTransition(shipmentIn('picked_up'), 'in_transit', admin)).toEqual({
      allowed: true,
      needsReason: false,
    })
  })
})

describe('nextStatuses', () => {
  it('lists where each status can go, and nothing leaves a terminal status', () => {
    expect(nextStatuses('pending')).toEqual(['assigned', 'cancelled'])
    expect(nextStatuses('failed')).toEqual(['in_transit'])
    for (const status of SHIPMENT_STATUSES.filter(isTerminal)) {
      expect(nextStatuses(status)).toEqual([])
    }
  })
})

describe("the journey's ends and who sees the driver", () => {
  it('lists as terminal exactly the statuses no move leaves', () => {
    const stuck = SHIPMENT_STATUSES.filter((status) => nextStatuses(status).length === 0)
    expect([...TERMINAL_STATUSES].sort()).toEqual(stuck.sort())
  })

  it('shows the driver to the public and the customer only on the way to the door', () => {
    for (const viewer of ['public', 'customer'] as const) {
      const shown = SHIPMENT_STATUSES.filter((status) => mayShowDriverPosition(status, viewer))
      expect(shown).toEqual(['in_transit'])
    }
  })

  it('shows the driver to staff and drivers while a driver has the shipment', () => {
    for (const viewer of ['admin', 'dispatcher', 'driver'] as const) {
      const shown = SHIPMENT_STATUSES.filter((status) => mayShowDriverPosition(status, viewer))
      expect(shown).toEqual([...ACTIVE_STATUSES])
    }
  })
})
