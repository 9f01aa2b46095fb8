import { useSignal } from '@preact/signals'
import { PROOF_MAX_PHOTOS } from '@dropmate/contracts/rest/proof'
import { canvasBlob, dataUrlOf, resizePhoto } from '../../models/proof-of-delivery'
import type { CapturedProof } from '../../models/proof-of-delivery'
import { DoorCamera } from './door-camera'
import { SignaturePad, type Signature } from './signature-pad'

export interface ProofStepProps {
  id: string
  outcome: 'delivered' | 'failed'
  busy: boolean
  onDone(proof: CapturedProof | null, reason: string): Promise<boolean>
  onBack(): void
}

/**
 * What the driver captures at the door before the parcel is delivered (or the attempt
 * failed): photos from the phone's camera, resized on the phone; the recipient's signature
 * on screen; their name; or "left at the door", which needs a photo. A failed attempt needs a
 * reason, and takes a photo if there is one to take.
 */
export function ProofStep({ id, outcome, busy, onDone, onBack }: ProofStepProps) {
  const photos = useSignal<Array<{ blob: Blob; preview: string }>>([])
  const name = useSignal('')
  const leftAtDoor = useSignal(false)
  const reason = useSignal('')
  const problem = useSignal<string | null>(null)
  const signature = useSignal<Signature | null>(null)
  const delivering = outcome === 'delivered'

  const keepPhoto = async (blob: Blob) => {
    photos.value = [...photos.value, { blob, preview: await dataUrlOf(blob) }]
  }
  const addPhoto = async (file: File | undefined) => {
    if (!file) return
    problem.value = null
    try {
      await keepPhoto(await resizePhoto(file))
    } catch {
      problem.value = 'That photo could not be read. Take it again.'
    }
  }

  const missing = (): string | null => {
    if (!delivering) return reason.value.trim() ? null : 'Say what went wrong.'
    if (leftAtDoor.value && photos.value.length === 0) return 'Take a photo of where you left it.'
    const signed = signature.value?.drawn.value ?? false
    if (photos.value.length === 0 && !signed && !name.value.trim()) {
      return 'Take a photo, get a signature or write who took it.'
    }
    return null
  }

  const submit = async (e: Event) => {
    e.preventDefault()
    problem.value = missing()
    if (problem.value) return
    const signed = signature.value?.drawn.peek() ? signature.value.canvas : null
    const captured: CapturedProof = {
      photos: photos.value.map((photo) => photo.blob),
      signature: signed ? await canvasBlob(signed, 'image/png') : null,
      recipientName: name.value,
      leftAtDoor: leftAtDoor.value,
    }
    const anything =
      captured.photos.length > 0 || captured.signature || captured.recipientName.trim()
    await onDone(anything ? captured : null, reason.value.trim())
  }

  return (
    <form
      class="proof-step"
      onSubmit={submit}
      aria-label={delivering ? 'Proof of delivery' : 'Failed delivery'}
    >
      {!delivering && (
        <>
          <label for={`reason-${id}`}>What went wrong?</label>
          <input
            id={`reason-${id}`}
            required
            maxLength={500}
            placeholder="e.g. Nobody home"
            value={reason.value}
            onInput={(e) => (reason.value = e.currentTarget.value)}
          />
        </>
      )}
      <div class="proof-photos">
        {photos.value.map((photo, n) => (
          <img key={photo.preview} src={photo.preview} alt={`Photo ${n + 1}`} />
        ))}
      </div>
      {photos.value.length < PROOF_MAX_PHOTOS && <DoorCamera onPhoto={keepPhoto} />}
      {photos.value.length < PROOF_MAX_PHOTOS && (
        <label class="button small proof-camera">
          {photos.value.length === 0 ? 'Take a photo' : 'Another photo'}
          <input
            type="file"
            accept="image/*"
            capture="environment"
            class="visually-hidden"
            onChange={(e) => {
              void addPhoto(e.currentTarget.files?.[0])
              e.currentTarget.value = ''
            }}
          />
        </label>
      )}
      {delivering && (
        <>
          <SignaturePad label="Recipient's signature" onReady={(pad) => (signature.value = pad)} />
          <label for={`recipient-${id}`}>Who took it?</label>
          <input
            id={`recipient-${id}`}
            maxLength={120}
            autocomplete="off"
            placeholder="Recipient's name"
            value={name.value}
            onInput={(e) => (name.value = e.currentTarget.value)}
          />
          <label class="proof-door">
            <input
              type="checkbox"
              checked={leftAtDoor.value}
              onChange={(e) => (leftAtDoor.value = e.currentTarget.checked)}
            />
            Left at the door (needs a photo)
          </label>
        </>
      )}
      {problem.value && (
        <p class="error" role="alert">
          {problem.value}
        </p>
      )}
      <div class="inline">
        <button class={`button ${delivering ? 'primary' : 'danger'}`} type="submit" disabled={busy}>
          {delivering ? 'Confirm delivery' : 'Report failed delivery'}
        </button>
        <button class="button" type="button" onClick={onBack}>
          Back
        </button>
      </div>
    </form>
  )
}
