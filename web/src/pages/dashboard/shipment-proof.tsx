import { useSignal } from '@preact/signals'
import { useEffect } from 'preact/hooks'
import type { Shipment } from '@dropmate/contracts/rest'
import type { ProofView } from '@dropmate/contracts/rest/proof'
import { messageOf } from '../../api/http'
import { authed } from '../../models/session'
import { formatDateTime } from '../../ui/format'
import { ErrorNote } from '../../ui/widgets'

/**
 * The proof the driver took at the door: photos, the signature and the recipient's name,
 * the files behind links that expire within minutes (read again with each new version).
 */
export function ShipmentProof({ shipment }: { shipment: Shipment }) {
  const proofs = useSignal<ProofView[] | null>(null)
  const error = useSignal<string | null>(null)
  const final = shipment.status === 'delivered' || shipment.status === 'failed'

  useEffect(() => {
    if (!final) return
    authed<{ proofs: ProofView[] }>(`/api/shipments/${shipment.id}/proof`).then(
      (answer) => (proofs.value = answer.proofs),
      (failure) => (error.value = messageOf(failure)),
    )
  }, [shipment.id, shipment.version, final])

  if (!final) return null
  if (error.value) return <ErrorNote message={error.value} />
  if (!proofs.value || proofs.value.length === 0) return null
  return (
    <section class="proof" aria-labelledby="proof-title">
      <h3 id="proof-title">Proof of delivery</h3>
      {proofs.value.map((proof) => (
        <div class="proof-entry" key={proof.recordedAt}>
          <p class="meta">
            {proof.outcome === 'delivered' ? 'Delivered' : 'Attempt failed'},{' '}
            {formatDateTime(proof.recordedAt)}
            {proof.leftAtDoor && ' · left at the door'}
          </p>
          {proof.recipientName && (
            <p>
              Received by <strong class="proof-recipient">{proof.recipientName}</strong>
            </p>
          )}
          <div class="proof-files">
            {proof.photoUrls.map((url, n) => (
              <a key={url} href={url} target="_blank" rel="noreferrer">
                <img src={url} alt={`Proof photo ${n + 1}`} />
              </a>
            ))}
            {proof.signatureUrl && (
              <img class="proof-signature" src={proof.signatureUrl} alt="Recipient's signature" />
            )}
          </div>
        </div>
      ))}
    </section>
  )
}
