import type { ShipmentStatus } from '@dropmate/core'
import {
  attachProofUploads,
  insertDeliveryProof,
  type Queryable,
  type Shipment,
} from '@dropmate/db'
import type { ApiDeps, Principal } from '@dropmate/kit'
import { checkProofFields, checkProofFile, type ProofInput } from './proof-files'

/**
 * Records the proof of a delivered or failed attempt in the status change's transaction,
 * once every file it names is there and this shipment's. Answers what the timeline may say
 * of it: counts and flags, never the recipient's name.
 */
export async function recordProof(
  deps: Pick<ApiDeps, 'objects'>,
  tx: Queryable,
  move: { shipment: Shipment; to: ShipmentStatus; actor: Principal; proof: ProofInput },
) {
  const { shipment, proof } = move
  checkProofFields(proof)
  const photoKeys = proof.photoKeys ?? []
  await Promise.all([
    ...photoKeys.map((key, i) =>
      checkProofFile(deps.objects, shipment.id, 'photo', key, `body.proof.photoKeys.${i}`),
    ),
    ...(proof.signatureKey
      ? [
          checkProofFile(
            deps.objects,
            shipment.id,
            'signature',
            proof.signatureKey,
            'body.proof.signatureKey',
          ),
        ]
      : []),
  ])
  await insertDeliveryProof(tx, {
    shipmentId: shipment.id,
    outcome: move.to === 'delivered' ? 'delivered' : 'failed',
    photoKeys,
    signatureKey: proof.signatureKey ?? null,
    recipientName: proof.recipientName ?? null,
    leftAtDoor: proof.leftAtDoor ?? false,
    recordedBy: move.actor.userId,
  })
  await attachProofUploads(tx, [...photoKeys, ...(proof.signatureKey ? [proof.signatureKey] : [])])
  return {
    photos: photoKeys.length,
    signature: proof.signatureKey !== undefined,
    recipientNamed: proof.recipientName !== undefined,
    leftAtDoor: proof.leftAtDoor ?? false,
  }
}
