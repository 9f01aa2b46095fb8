import type { PDFPage } from 'pdf-lib'
import bwipjs from 'bwip-js/node'
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
  const [symbol] = bwipjs.raw('code128', text)
  if (!symbol || !('sbs' in symbol)) throw new Error('bwip-js gave no bars for Code 128')
  // sbs: the widths of bar, space, bar, … in modules.
  const modules = symbol.sbs.reduce((sum, w) => sum + w, 0) + 20
  const module = width / modules
  let at = x + 10 * module
  symbol.sbs.forEach((w, n) => {
    if (n % 2 === 0) page.drawRectangle({ x: at, y, width: w * module, height })
    at += w * module
  })
}
