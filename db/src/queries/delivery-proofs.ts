import type { Queryable } from '../client'

export interface DeliveryProof {
  id: string
  shipmentId: string
  outcome: 'delivered' | 'failed'
  photoKeys: string[]
  signatureKey: string | null
  recipientName: string | null
  leftAtDoor: boolean
  recordedBy: string | null
  recordedAt: Date
}

export type NewDeliveryProof = Omit<DeliveryProof, 'id' | 'recordedAt'>

export async function insertDeliveryProof(
  sql: Queryable,
  proof: NewDeliveryProof,
): Promise<DeliveryProof> {
  const [inserted] = await sql<DeliveryProof[]>`
    insert into delivery_proofs ${sql({
      shipmentId: proof.shipmentId,
      outcome: proof.outcome,
      photoKeys: sql.array(proof.photoKeys),
      signatureKey: proof.signatureKey,
      recipientName: proof.recipientName,
      leftAtDoor: proof.leftAtDoor,
      recordedBy: proof.recordedBy,
    })}
    returning id::text, shipment_id, outcome, photo_keys, signature_key, recipient_name,
      left_at_door, recorded_by, recorded_at
  `
  return inserted!
}

/** A shipment's proofs, newest first (a failed attempt's, then the delivery's). */
export async function listDeliveryProofs(
  sql: Queryable,
  shipmentId: string,
): Promise<DeliveryProof[]> {
  return sql<DeliveryProof[]>`
    select
      id::text,
      shipment_id,
      outcome,
      photo_keys,
      signature_key,
      recipient_name,
      left_at_door,
      recorded_by,
      recorded_at
    from delivery_proofs
    where shipment_id = ${shipmentId}
    order by recorded_at desc, id desc
  `
}

/** The proofs of the parcel with this tracking number, newest first; none if no parcel has it. */
export async function listDeliveryProofsByTrackingNumber(
  sql: Queryable,
  trackingNumber: string,
): Promise<DeliveryProof[]> {
  return sql<DeliveryProof[]>`
    select
      p.id::text,
      p.shipment_id,
      p.outcome,
      p.photo_keys,
      p.signature_key,
      p.recipient_name,
      p.left_at_door,
      p.recorded_by,
      p.recorded_at
    from delivery_proofs p
    join shipments s on s.id = p.shipment_id
    where s.tracking_number = ${trackingNumber}
    order by p.recorded_at desc, p.id desc
  `
}

/** Proofs recorded before `cutoff`, oldest first, at most `limit` of them. */
export async function listProofsRecordedBefore(
  sql: Queryable,
  cutoff: Date,
  limit: number,
): Promise<Pick<DeliveryProof, 'id' | 'photoKeys' | 'signatureKey'>[]> {
  return sql<Pick<DeliveryProof, 'id' | 'photoKeys' | 'signatureKey'>[]>`
    select
      id::text,
      photo_keys,
      signature_key
    from delivery_proofs
    where recorded_at < ${cutoff}
    order by recorded_at
    limit ${limit}
  `
}

export async function deleteDeliveryProof(sql: Queryable, id: string): Promise<void> {
  await sql`
    delete from delivery_proofs
    where id = ${id}
  `
}

/** Keys a driver was given upload links for: each waits here until a proof attaches it. */
export async function recordProofUploads(
  sql: Queryable,
  shipmentId: string,
  keys: readonly string[],
): Promise<void> {
  await sql`
    insert into proof_uploads ${sql(keys.map((key) => ({ key, shipmentId })))}
  `
}

/** Keys a proof now holds: retention governs them from here, not the abandoned-upload sweep. */
export async function attachProofUploads(sql: Queryable, keys: readonly string[]): Promise<void> {
  await sql`
    delete from proof_uploads
    where key = any(${sql.array(keys as string[])})
  `
}

/**
 * Deletes up to `limit` upload keys issued before `cutoff` and still unattached, oldest
 * first, and answers them, skipping any another transaction holds (a proof attaching it, or
 * another replica's sweep). Run it in a transaction that removes the files before it commits.
 */
export async function takeAbandonedProofUploads(
  sql: Queryable,
  cutoff: Date,
  limit: number,
): Promise<string[]> {
  const rows = await sql<{ key: string }[]>`
    delete from proof_uploads
    where key in (
      select key from proof_uploads
      where issued_at < ${cutoff}
      order by issued_at
      limit ${limit}
      for update skip locked
    )
    returning key
  `
  return rows.map((row) => row.key)
}
