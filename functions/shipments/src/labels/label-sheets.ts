import type { LabelSize } from '@dropmate/contracts/rest/labels'

/** A rectangle on a page, in PDF points (1/72 in) from the page's bottom left corner. */
export interface Cell {
  x: number
  y: number
  width: number
  height: number
}

interface Sheet {
  /** Page width and height, in points. */
  page: [number, number]
  columns: number
  rows: number
}

const INCH = 72
const MM = INCH / 25.4

// A4 holds four A6 labels (105 × 148.5 mm), the size of the A4 label sheets shops buy and
// within 4 mm of a 4×6 in label, so one layout serves both.
const SHEETS: Record<LabelSize, Sheet> = {
  '4x6': { page: [4 * INCH, 6 * INCH], columns: 1, rows: 1 },
  a4: { page: [210 * MM, 297 * MM], columns: 2, rows: 2 },
}

/** How many labels one page of `size` holds, and where each goes, top left first. */
export function sheetOf(size: LabelSize): { page: [number, number]; cells: Cell[] } {
  const { page, columns, rows } = SHEETS[size]
  const width = page[0] / columns
  const height = page[1] / rows
  const cells = Array.from({ length: columns * rows }, (_, n) => ({
    x: (n % columns) * width,
    y: page[1] - (Math.floor(n / columns) + 1) * height,
    width,
    height,
  }))
  return { page, cells }
}
