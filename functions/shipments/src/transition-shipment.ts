import type { ApiDeps, Principal } from '@dropmate/kit'
import { checkTransition, nextStatuses, type ShipmentStatus } from '@dropmate/core'
import { appendShipmentEvent, lockShipment, moveShipmentStatus, type Shipment } from '@dropmate/db'
import { ProblemError } from '@dropmate/runtime'
import { announce } from './announce'
import { canSee } from '@dropmate/core'
import { shipmentNotFound } from './visibility'
import type { ProofInput } from './proof-files'
import { recordProof } from './record-proof'

export interface Transition {
  shipmentId: string
  to: ShipmentStatus
  actor: Principal
  /** The function making the change: the CloudEvent `source`. */
  source: string
  /** For moves to `assigned`: who will hold the shipment. */
  assigneeDriverId?: string
  reason?: string | null
  note?: string | null
  position?: { lat: number; lng: number }
  /** For moves to `delivered` or `failed`: files uploaded for it, and who took the parcel. */
  proof?: ProofInput
}

/**
 * Moves a shipment through the status machine in one transaction: lock the row, check the
 * move and the caller's right to make it, update, append the timeline event and queue the
 * CloudEvents. Concurrent moves of one shipment queue on the row lock; whoever comes second
 * finds the status changed and gets a 409.
 */
export async function transitionShipment(deps: ApiDeps, move: Transition): Promise<Shipment> {
  const { actor, to } = move
  const moved = await deps.sql.begin(async (tx) => {
    const shipment = await lockShipment(tx, move.shipmentId)
    if (!shipment) throw shipmentNotFound()
    if (to === 'assigned' && shipment.status === 'assigned') throw alreadyAssigned()
    const claiming = actor.role === 'driver' && to === 'assigned'
    if (!canSee(actor, shipment)) {
      // A driver who saw it claimable a moment ago learns it is gone, not that it never was.
      if (claiming) throw new ProblemError('not_claimable', 'This shipment cannot be claimed.')
      throw shipmentNotFound()
    }

    const verdict = checkTransition(shipment, to, actor, move.assigneeDriverId)
    if (!verdict.allowed) throw refusal(verdict.code, shipment, to)
    if (verdict.needsReason && !move.reason) {
      throw new ProblemError('reason_required', `Moving to ${to} needs a reason.`, {
        errors: [{ field: 'body.reason', message: 'required for this status' }],
      })
    }

    const proof = move.proof
      ? await recordProof(deps, tx, { shipment, to, actor, proof: move.proof })
      : undefined
    const updated = await moveShipmentStatus(tx, {
      id: shipment.id,
      from: shipment.status,
      to,
      driverId: move.assigneeDriverId,
      reason: move.reason ?? null,
    })
    await appendShipmentEvent(tx, {
      shipmentId: shipment.id,
      type: to === 'assigned' ? 'assigned' : 'status_changed',
      fromStatus: shipment.status,
      toStatus: to,
      actorUserId: actor.userId,
      actorRole: actor.role,
      lat: move.position?.lat,
      lng: move.position?.lng,
      note: move.reason ?? move.note ?? null,
      metadata:
        to === 'assigned'
          ? { driverId: move.assigneeDriverId, claimed: claiming }
          : { ...(proof && { proof }) },
    })
    await announce(tx, move.source, {
      kind: 'status_changed',
      shipment: updated!,
      from: shipment.status,
      reason: move.reason ?? null,
    })
    if (to === 'assigned') {
      await announce(tx, move.source, {
        kind: 'assigned',
        shipment: updated!,
        previousDriverId: null,
      })
    }
    return updated!
  })
  await deps.trackingCache.invalidate(moved.trackingNumber)
  return moved
}

function alreadyAssigned() {
  return new ProblemError('already_assigned', 'Someone else has this shipment already.')
}

function refusal(
  code: 'invalid_transition' | 'forbidden_transition',
  shipment: Shipment,
  to: ShipmentStatus,
) {
  if (code === 'forbidden_transition') {
    return new ProblemError(code, `You may not move this shipment to ${to}.`)
  }
  return new ProblemError(code, `A ${shipment.status} shipment cannot become ${to}.`, {
    currentStatus: shipment.status,
    allowed: nextStatuses(shipment.status),
  })
}
