import {
  deleteDeliveryProof,
  listProofsRecordedBefore,
  takeAbandonedProofUploads,
} from '@dropmate/db'
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

// A phone attaches its files seconds after uploading them, or asks for new links next time.
const ABANDONED_AFTER_MS = DAY_MS

/**
 * Deletes the files of uploads no proof attached within a day of their links (a delivery
 * sent again with fresh links, one given up): each batch's keys leave the table and their
 * files go in one transaction, so a file is never deleted while its key stays to be attached,
 * and a sweep cut short leaves the keys to find again. Answers how many went.
 */
export async function sweepAbandonedUploads(
  deps: Pick<ApiDeps, 'sql' | 'objects'>,
  now = new Date(),
): Promise<number> {
  const cutoff = new Date(now.getTime() - ABANDONED_AFTER_MS)
  let swept = 0
  for (;;) {
    const keys = await deps.sql.begin(async (tx) => {
      const taken = await takeAbandonedProofUploads(tx, cutoff, BATCH)
      await Promise.all(taken.map((key) => deps.objects.remove(key)))
      return taken
    })
    swept += keys.length
    if (keys.length < BATCH) return swept
  }
}
