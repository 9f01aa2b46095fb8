import {
  PROOF_CONTENT_TYPES,
  PROOF_MAX_BYTES,
  PROOF_MAX_PHOTOS,
  type ProofKind,
} from '@dropmate/contracts/rest/proof'
import { text, type ObjectStore } from '@dropmate/kit'
import { z } from '@hono/zod-openapi'
import { ProblemError } from '@dropmate/runtime'
import { randomUUID } from 'node:crypto'

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
}

/**
 * Where a shipment's proof file goes: the shipment and the kind are in the key, so the
 * status change can tell a file of this shipment from another's without asking anyone.
 */
export function proofKey(shipmentId: string, kind: ProofKind, contentType: string) {
  return `proofs/${shipmentId}/${kind}-${randomUUID()}.${EXTENSIONS[contentType]}`
}

const KEY = /^proofs\/([0-9a-f-]{36})\/(photo|signature)-[0-9a-f-]{36}\.(jpg|png|webp)$/

/**
 * Checks that `key` is a `kind` file of this shipment and was uploaded, within the limits
 * the upload was signed for: a 400 naming `field` otherwise.
 */
export async function checkProofFile(
  objects: ObjectStore,
  shipmentId: string,
  kind: ProofKind,
  key: string,
  field: string,
) {
  const [, owner, keyKind] = KEY.exec(key) ?? []
  if (owner !== shipmentId || keyKind !== kind) {
    throw invalidProof(field, `is not a ${kind} uploaded for this shipment`)
  }
  const stored = await objects.describe(key)
  if (!stored) throw invalidProof(field, 'was not uploaded (or has expired)')
  const allowed = (PROOF_CONTENT_TYPES as readonly string[]).includes(stored.contentType)
  if (!allowed || stored.size > PROOF_MAX_BYTES) {
    throw invalidProof(field, 'is not an image within the size limit')
  }
}

function invalidProof(field: string, message: string) {
  const what = field === 'body.proof' ? 'proof' : `proof's ${field.split('.').pop()}`
  return new ProblemError('invalid_proof', `The ${what} ${message}.`, {
    errors: [{ field, message }],
  })
}

const ProofFileKey = text({ max: 200 })

/** The proof a delivered or failed status change carries: keys of files uploaded for it. */
export const ProofInput = z
  .strictObject({
    photoKeys: z.array(ProofFileKey).max(PROOF_MAX_PHOTOS).optional(),
    signatureKey: ProofFileKey.optional(),
    recipientName: text({ max: 120 }).optional(),
    leftAtDoor: z.boolean().optional(),
  })
  .openapi('ProofOfDelivery', {
    description:
      'At least a photo, a signature or the recipient name; left at the door needs a photo. ' +
      'Files are the keys POST .../proof-uploads gave, uploaded. Otherwise 422 invalid_proof.',
  })
export type ProofInput = z.infer<typeof ProofInput>

/** The rules between a proof's fields, which its schema cannot say: 422 when broken. */
export function checkProofFields(proof: ProofInput) {
  if (!proof.photoKeys?.length && !proof.signatureKey && !proof.recipientName) {
    throw invalidProof('body.proof', 'needs a photo, a signature or the recipient name')
  }
  if (proof.leftAtDoor && !proof.photoKeys?.length) {
    throw invalidProof('body.proof.photoKeys', 'needs a photo when left at the door')
  }
}
