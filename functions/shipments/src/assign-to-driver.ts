import type { ApiDeps, Principal } from '@dropmate/kit'
import { checkHandOver } from '@dropmate/core'
import { appendShipmentEvent, findDriverById, lockShipment, reassignShipment } from '@dropmate/db'
import { ProblemError } from '@dropmate/runtime'
import { announce } from './announce'
import { transitionShipment } from './transition-shipment'
import { shipmentNotFound } from './visibility'

const SOURCE = '/functions/assign-shipment'

export interface Assignment {
  shipmentId: string
  driverId: string
  /** Hand an already assigned shipment to another driver. */
  reassign: boolean
  actor: Principal
}

/**
 * Gives a shipment to a driver: a pending one moves to `assigned`; with `reassign`, an
 * assigned one goes to another driver with no status change.
 */
export async function assignToDriver(deps: ApiDeps, assignment: Assignment) {
  const { shipmentId, driverId, actor } = assignment
  if (!(await findDriverById(deps.sql, driverId))) {
    throw new ProblemError('unknown_driver', 'driverId is not a driver.', {
      errors: [{ field: 'body.driverId', message: 'no such driver' }],
    })
  }
  if (assignment.reassign) return handOver(deps, assignment)
  return transitionShipment(deps, {
    shipmentId,
    to: 'assigned',
    actor,
    source: SOURCE,
    assigneeDriverId: driverId,
  })
}

/** Hands an assigned shipment to another driver: no status change, a new assignment. */
async function handOver(deps: ApiDeps, { shipmentId, driverId, actor }: Assignment) {
  const moved = await deps.sql.begin(async (tx) => {
    const shipment = await lockShipment(tx, shipmentId)
    if (!shipment) throw shipmentNotFound()
    const verdict = checkHandOver(shipment, driverId)
    if (verdict === 'not_reassignable') {
      throw new ProblemError(
        'not_reassignable',
        `A ${shipment.status} shipment cannot be reassigned.`,
      )
    }
    if (verdict === 'unchanged') return shipment
    const updated = (await reassignShipment(tx, { id: shipmentId, driverId }))!
    await appendShipmentEvent(tx, {
      shipmentId,
      type: 'assigned',
      fromStatus: 'assigned',
      toStatus: 'assigned',
      actorUserId: actor.userId,
      actorRole: actor.role,
      metadata: { driverId, previousDriverId: shipment.driverId },
    })
    await announce(tx, SOURCE, {
      kind: 'assigned',
      shipment: updated,
      previousDriverId: shipment.driverId,
    })
    return updated
  })
  await deps.trackingCache.invalidate(moved.trackingNumber)
  return moved
}
