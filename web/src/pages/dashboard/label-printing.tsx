import { LABEL_SIZES, MAX_LABELS, type LabelSize } from '@dropmate/contracts/rest/labels'
import type { LabelPrinting } from '../../models/labels'

const SIZE_NAMES: Record<LabelSize, string> = { a4: 'A4 sheet', '4x6': '4×6 in' }
import { ErrorNote } from '../../ui/widgets'

function SizeChoice({ labels, id }: { labels: LabelPrinting; id: string }) {
  return (
    <select
      id={id}
      aria-label="Label size"
      value={labels.size.value}
      onChange={(e) => (labels.size.value = e.currentTarget.value as LabelSize)}
    >
      {LABEL_SIZES.map((size) => (
        <option key={size} value={size}>
          {SIZE_NAMES[size]}
        </option>
      ))}
    </select>
  )
}

/** "Print label" on a shipment: its label as a PDF, in the size chosen. */
export function PrintLabel({
  labels,
  shipment,
}: {
  labels: LabelPrinting
  shipment: { id: string; trackingNumber: string }
}) {
  return (
    <div class="label-print">
      <div class="inline">
        <SizeChoice labels={labels} id="label-size" />
        <button
          class="button small"
          type="button"
          disabled={labels.busy.value}
          onClick={() => void labels.one(shipment)}
        >
          {labels.busy.value ? 'Preparing…' : 'Print label'}
        </button>
      </div>
      {labels.error.value && <ErrorNote message={labels.error.value} />}
    </div>
  )
}

/** Above the list while rows are ticked: print their labels, or untick them all. */
export function TickedBar({ labels }: { labels: LabelPrinting }) {
  const count = labels.ticked.value.length
  if (count === 0) return null
  const tooMany = count > MAX_LABELS
  return (
    <div class="ticked-bar" role="region" aria-label="Selected shipments">
      <span>{count} selected</span>
      <SizeChoice labels={labels} id="labels-size" />
      <button
        class="button primary small"
        type="button"
        disabled={labels.busy.value || tooMany}
        title={tooMany ? `At most ${MAX_LABELS} labels at once` : undefined}
        onClick={() => void labels.printTicked()}
      >
        {labels.busy.value ? 'Preparing…' : 'Print labels'}
      </button>
      <button class="button small" type="button" onClick={() => (labels.ticked.value = [])}>
        Clear
      </button>
      {labels.error.value && <ErrorNote message={labels.error.value} />}
    </div>
  )
}
