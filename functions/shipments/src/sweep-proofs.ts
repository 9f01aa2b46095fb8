import { deleteDeliveryProof, listProofsRecordedBefore } from '@dropmate/db'
import type { ApiDeps } from '@dropmate/kit'

const DAY_MS = 24 * 60 * 60 * 1000
const BATCH = 100

/**
 * Deletes proofs recorded more than PROOF_RETENTION_DAYS ago: their files first, then their
 * rows, so a sweep cut short leaves a row to find again rather than a file nobody points to.
 * Answers how many went.
 */
export async function sweepExpiredProofs(
  deps: Pick<ApiDeps, 'sql' | 'objects' | 'config'>,
  now = new Date(),
): Promise<number> {
  const cutoff = new Date(now.getTime() - deps.config.PROOF_RETENTION_DAYS * DAY_MS)
  let swept = 0
  for (;;) {
    const expired = await listProofsRecordedBefore(deps.sql, cutoff, BATCH)
    for (const proof of expired) {
      const keys = [...proof.photoKeys, ...(proof.signatureKey ? [proof.signatureKey] : [])]
      await Promise.all(keys.map((key) => deps.objects.remove(key)))
      await deleteDeliveryProof(deps.sql, proof.id)
    }
    swept += expired.length
    if (expired.length < BATCH) return swept
  }
}
