/**
 * The sizes labels print in: `a4`, sheets of four A6 labels for office printers; `4x6`, one
 * 4×6 in label a page for label printers.
 */
export const LABEL_SIZES = ['a4', '4x6'] as const
export type LabelSize = (typeof LABEL_SIZES)[number]

/** One request prints at most this many labels: 25 A4 pages, a day's parcels for a small shop. */
export const MAX_LABELS = 100
