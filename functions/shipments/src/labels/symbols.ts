import type { PDFPage } from 'pdf-lib'
import { code128 } from 'bwip-js/generic'
import QRCode from 'qrcode'

interface Box {
  x: number
  y: number
  size: number
}

/**
 * Draws `text` as a QR code, one filled square per dark module: vectors stay sharp at any
 * printer resolution, where a scaled bitmap blurs its edges. Level M survives a scuffed label.
 */
export function drawQrCode(page: PDFPage, text: string, { x, y, size }: Box): void {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' })
  // ISO/IEC 18004 asks for a quiet zone of four modules around the symbol.
  const module = size / (modules.size + 8)
  for (let row = 0; row < modules.size; row++) {
    for (let column = 0; column < modules.size; column++) {
      if (!modules.get(row, column)) continue
      page.drawRectangle({
        x: x + (column + 4) * module,
        y: y + size - (row + 5) * module,
        // A hair wider than a module, so neighbours touch without hairline gaps when rendered.
        width: module + 0.05,
        height: module + 0.05,
      })
    }
  }
}

interface Strip {
  x: number
  y: number
  width: number
  height: number
}

/**
 * Draws `text` as a Code 128 barcode filling `width`, bars as vectors. The quiet zone (ten
 * modules each side, ISO/IEC 15417) is taken inside the strip.
 */
export function drawCode128(page: PDFPage, text: string, { x, y, width, height }: Strip): void {
  const { modules, bars } = code128Bars(text)
  const module = width / (modules + 20)
  for (const bar of bars) {
    page.drawRectangle({ x: x + (10 + bar.left) * module, y, width: bar.width * module, height })
  }
}

/**
 * The bars of `text` in Code 128, in modules from the left. bwip-js's per-symbology entry
 * keeps the function's bundle to Code 128's encoder (120 KB, against 960 KB for all of them);
 * it draws each bar as a vertical line through `x`, rounded up to a whole module for odd
 * widths, at scale 1.
 */
function code128Bars(text: string) {
  const bars: Array<{ left: number; width: number }> = []
  let modules = 0
  const nothing = () => {}
  code128(
    { bcid: 'code128', text, scale: 1 },
    {
      scale: (sx, sy) => [sx, sy],
      measure: () => ({ width: 0, ascent: 0, descent: 0 }),
      init: (width) => (modules = width),
      line: (x, _y0, _x1, _y1, width) => bars.push({ left: x - Math.ceil(width / 2), width }),
      polygon: nothing,
      hexagon: nothing,
      ellipse: nothing,
      fill: nothing,
      text: nothing,
      end: nothing,
    },
  )
  return { modules, bars }
}
