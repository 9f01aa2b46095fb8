import { rgb, type PDFFont, type PDFPage } from 'pdf-lib'
import type { LabelContent } from './label-content'
import type { Cell } from './label-sheets'
import { printable, wrap } from './label-text'
import { drawCode128, drawQrCode } from './symbols'

export interface LabelFonts {
  regular: PDFFont
  bold: PDFFont
}

const MARGIN = 16
const GREY = rgb(0.35, 0.35, 0.35)
const QR_SIZE = 118
const BARCODE_HEIGHT = 58

/**
 * Draws one label into `cell`: who it goes to and where first, large enough to read at arm's
 * length, then the promised slot, the QR code of the tracking page and the tracking number's
 * barcode along the bottom, where a hand scanner reaches it.
 */
export function drawLabel(page: PDFPage, cell: Cell, label: LabelContent, fonts: LabelFonts) {
  const left = cell.x + MARGIN
  const width = cell.width - 2 * MARGIN
  let y = cell.y + cell.height - MARGIN

  const write = (text: string, size: number, font = fonts.regular, color = rgb(0, 0, 0)) => {
    y -= size
    page.drawText(text, { x: left, y, size, font, color })
    y -= size * 0.35
  }
  const caption = (text: string) => write(text, 7, fonts.bold, GREY)
  const rule = () => {
    y -= 4
    page.drawLine({
      start: { x: left, y },
      end: { x: left + width, y },
      thickness: 0.8,
      color: GREY,
    })
    y -= 8
  }

  write('DropMate', 9, fonts.bold)
  if (label.reference) write(`Order ${printable(fonts.regular, label.reference)}`, 8)
  rule()
  caption('DELIVER TO')
  for (const line of wrap(fonts.bold, 17, label.receiverName, width, 2)) write(line, 17, fonts.bold)
  for (const line of wrap(fonts.regular, 11, label.receiverAddress, width, 4)) write(line, 11)
  if (label.window) {
    y -= 4
    caption('DELIVERY WINDOW')
    for (const line of wrap(fonts.bold, 10, label.window, width, 2)) write(line, 10, fonts.bold)
  }
  y -= 4
  caption('FROM')
  for (const line of wrap(fonts.regular, 9, label.senderName, width, 1)) write(line, 9)

  drawSymbols(page, cell, label, fonts)
}

/** The QR code with its caption above the barcode, anchored to the bottom of the cell. */
function drawSymbols(page: PDFPage, cell: Cell, label: LabelContent, fonts: LabelFonts) {
  const left = cell.x + MARGIN
  const width = cell.width - 2 * MARGIN
  const number = { size: 11, font: fonts.bold }
  const numberY = cell.y + MARGIN
  const barcodeY = numberY + number.size + 4
  drawCode128(page, label.trackingNumber, {
    x: left,
    y: barcodeY,
    width,
    height: BARCODE_HEIGHT,
  })
  const numberWidth = number.font.widthOfTextAtSize(label.trackingNumber, number.size)
  page.drawText(label.trackingNumber, {
    x: left + (width - numberWidth) / 2,
    y: numberY,
    ...number,
  })

  const qrY = barcodeY + BARCODE_HEIGHT + 8
  // The QR's own quiet zone is its margin: its left edge lines up with the text by eye.
  drawQrCode(page, label.trackingUrl, { x: left - 8, y: qrY, size: QR_SIZE })
  const textX = left - 8 + QR_SIZE + 4
  const textWidth = left + width - textX
  // The link's address without the number, which is printed under the barcode already.
  const site = label.trackingUrl.replace(/^https?:\/\//, '').replace(/[^/]*$/, '')
  let y = qrY + QR_SIZE - 18
  const beside = (lines: string[], size: number, font: PDFFont) => {
    for (const line of lines) {
      page.drawText(line, { x: textX, y, size, font })
      y -= size + 3
    }
  }
  beside(wrap(fonts.bold, 9, 'Scan to track this parcel, or open', textWidth, 2), 9, fonts.bold)
  beside(wrap(fonts.regular, 8, site, textWidth, 2), 8, fonts.regular)
  beside(['and type the number below.'], 8, fonts.regular)
}
