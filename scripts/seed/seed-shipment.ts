import { checkTransition, newTrackingNumber, type Actor } from '@dropmate/core'
import {
  appendShipmentEvent,
  insertShipment,
  moveShipmentStatus,
  type Queryable,
  type Shipment,
} from '@dropmate/db'
import { SHOP } from './demo-data'
import type { PlannedShipment, PlannedStep } from './plan-shipments'
import type { Cast } from './seed-people'

/**
 * Writes one planned shipment the way the app would: inserted pending, then walked through
 * the status machine one checked move at a time, each with its timeline event. Returns how
 * many events it wrote, or undefined when a shipment with its reference exists already.
 * Outbox rows are left out on purpose: demo data must not email anyone.
 */
export async function seedShipment(
  sql: Queryable,
  plan: PlannedShipment,
  cast: Cast,
): Promise<number | undefined> {
  const creator = cast.dispatchers[plan.createdBy]!
  let shipment = await insertShipment(sql, {
    trackingNumber: newTrackingNumber(),
    reference: plan.reference,
    sender: SHOP,
    receiver: plan.receiver,
    packageWeightKg: plan.weightKg,
    packageDescription: plan.description,
    customerId: plan.customer === null ? null : cast.customers[plan.customer]!.id,
    createdBy: creator.id,
    createdAt: plan.createdAt,
  })
  if (!shipment) return undefined
  await appendShipmentEvent(sql, {
    shipmentId: shipment.id,
    type: 'created',
    toStatus: 'pending',
    actorUserId: creator.id,
    actorRole: 'dispatcher',
    occurredAt: plan.createdAt,
  })

  const driverId = plan.driver === null ? null : cast.drivers[plan.driver]!.driver.id
  for (const step of plan.steps) {
    const from = shipment.status
    const actor = actorOf(step, shipment, cast, plan)
    // The seed obeys the same rules as the API, so demo timelines are ones the app could make.
    const verdict = checkTransition(shipment, step.to, actor, driverId)
    if (!verdict.allowed || (verdict.needsReason && !step.note)) {
      const why = verdict.allowed ? 'needs a reason' : verdict.code
      throw new Error(`${plan.reference}: ${from} → ${step.to} by a ${actor.role}: ${why}`)
    }
    const moved = await moveShipmentStatus(sql, {
      id: shipment.id,
      from,
      to: step.to,
      driverId: driverId ?? undefined,
      reason: step.note,
      at: step.at,
    })
    if (!moved) throw new Error(`${plan.reference}: moved by someone else while seeding`)
    await appendShipmentEvent(sql, {
      shipmentId: shipment.id,
      type: step.to === 'assigned' ? 'assigned' : 'status_changed',
      fromStatus: from,
      toStatus: step.to,
      actorUserId: actor.userId,
      actorRole: actor.role,
      ...whereDriverWas(step, plan),
      note: step.note,
      metadata: step.to === 'assigned' ? { driverId } : {},
      occurredAt: step.at,
    })
    shipment = moved
  }
  return plan.steps.length + 1
}

function actorOf(step: PlannedStep, shipment: Shipment, cast: Cast, plan: PlannedShipment): Actor {
  switch (step.by) {
    case 'dispatcher':
      return { role: 'dispatcher', userId: cast.dispatchers[step.dispatcher]!.id }
    case 'customer':
      return { role: 'customer', userId: shipment.customerId! }
    case 'driver': {
      const { user, driver } = cast.drivers[plan.driver!]!
      return { role: 'driver', userId: user.id, driverId: driver.id }
    }
  }
}

/** Drivers' apps report a position with the moves made at a door: the shop's or the receiver's. */
function whereDriverWas(step: PlannedStep, plan: PlannedShipment) {
  if (step.to === 'picked_up') return { lat: SHOP.lat, lng: SHOP.lng }
  if (step.to === 'delivered' || step.to === 'failed') {
    return { lat: plan.receiver.lat, lng: plan.receiver.lng }
  }
  return {}
}
