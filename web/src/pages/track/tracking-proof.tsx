import { useSignal } from '@preact/signals'
import { useEffect } from 'preact/hooks'
import type { PublicProofView } from '@dropmate/contracts/rest/proof'
import type { TrackingView } from '@dropmate/contracts/rest/tracking'
import { http } from '../../api/http'
import { formatDateTime } from '../../ui/format'

/**
 * "Proof of delivery" on the public tracking page: that there is one, its photos, and the
 * recipient's initials at most; never the signature nor the name.
 */
export function TrackingProof({ view }: { view: TrackingView }) {
  const proof = useSignal<PublicProofView | null>(null)
  const final = view.status === 'delivered' || view.status === 'failed'

  useEffect(() => {
    if (!final) return
    const path = `/api/shipments/track/${encodeURIComponent(view.trackingNumber)}/proof`
    // A parcel shows without its proof rather than not at all.
    http<{ proofs: PublicProofView[] }>(path).then(
      (answer) => (proof.value = answer.proofs[0] ?? null),
      () => (proof.value = null),
    )
  }, [view.trackingNumber, view.status, final])

  if (!final || !proof.value) return null
  const { photoUrls, recipientInitials, leftAtDoor, signed, recordedAt } = proof.value
  return (
    <section class="track-proof" aria-labelledby="proof-title">
      <h2 id="proof-title">Proof of delivery</h2>
      <p class="meta">
        {formatDateTime(recordedAt)}
        {leftAtDoor && ' · left at the door'}
        {recipientInitials && ` · received by ${recipientInitials}`}
        {signed && ' · signed'}
      </p>
      <div class="proof-files">
        {photoUrls.map((url, n) => (
          <img key={url} src={url} alt={`Delivery photo ${n + 1}`} />
        ))}
      </div>
    </section>
  )
}
