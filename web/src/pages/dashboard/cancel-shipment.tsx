import { useSignal } from '@preact/signals'
import type { ShipmentDetail } from '../../models/shipment-detail'

/** A cancel button that asks for the reason before it cancels. */
export function CancelShipment({ detail }: { detail: ShipmentDetail }) {
  const open = useSignal(false)
  const reason = useSignal('')
  if (!open.value) {
    return (
      <button class="button danger small" type="button" onClick={() => (open.value = true)}>
        Cancel shipment…
      </button>
    )
  }
  return (
    <form
      class="cancel"
      onSubmit={async (e) => {
        e.preventDefault()
        if (reason.value.trim() && (await detail.cancel(reason.value.trim()))) open.value = false
      }}
    >
      <label for="cancel-reason">Why is it cancelled?</label>
      <input
        id="cancel-reason"
        required
        maxLength={500}
        value={reason.value}
        onInput={(e) => (reason.value = e.currentTarget.value)}
      />
      <div class="inline">
        <button
          class="button danger"
          type="submit"
          disabled={!reason.value.trim() || detail.acting.value}
        >
          Cancel shipment
        </button>
        <button class="button" type="button" onClick={() => (open.value = false)}>
          Keep it
        </button>
      </div>
    </form>
  )
}
