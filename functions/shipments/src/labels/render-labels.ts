import type { LabelSize } from '@dropmate/contracts/rest/labels'
import { PDFDocument, StandardFonts } from 'pdf-lib'
import { drawLabel } from './draw-label'
import type { LabelContent } from './label-content'
import { sheetOf } from './label-sheets'

/**
 * A PDF of `labels` in `size`: on 4×6 one label a page, on A4 a grid of them, filled row by
 * row. The fonts are the PDF standard ones, so nothing is embedded and a label stays small.
 *
 * @example
 * const pdf = await renderLabels([labelContent(view, settings)], '4x6')
 */
export async function renderLabels(labels: LabelContent[], size: LabelSize): Promise<Uint8Array> {
  const pdf = await PDFDocument.create()
  pdf.setTitle(labels.length === 1 ? `Label ${labels[0]!.trackingNumber}` : 'Shipping labels')
  pdf.setCreator('DropMate')
  const fonts = {
    regular: await pdf.embedFont(StandardFonts.Helvetica),
    bold: await pdf.embedFont(StandardFonts.HelveticaBold),
  }
  const { page: pageSize, cells } = sheetOf(size)
  let page = pdf.addPage(pageSize)
  labels.forEach((label, n) => {
    if (n > 0 && n % cells.length === 0) page = pdf.addPage(pageSize)
    drawLabel(page, cells[n % cells.length]!, label, fonts)
  })
  return pdf.save()
}
