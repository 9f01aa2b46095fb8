import { PDFDocument, StandardFonts } from 'pdf-lib'
import { describe, expect, it } from 'vitest'
import { printable, wrap } from './label-text'

const font = await (await PDFDocument.create()).embedFont(StandardFonts.Helvetica)

describe('label text', () => {
  it('keeps what the standard fonts have, drops accents they lack, marks the rest', () => {
    expect(printable(font, 'José Müller – Café')).toBe('José Müller – Café')
    expect(printable(font, 'Erdős Łukasz 北京')).toBe('Erdos ?ukasz ??')
  })

  it('wraps at spaces and ends what does not fit with an ellipsis', () => {
    const lines = wrap(font, 10, 'Rua dos Remédios 4, 1100-053 Lisboa, Portugal', 80, 2)
    expect(lines).toHaveLength(2)
    expect(lines.every((line) => font.widthOfTextAtSize(line, 10) <= 80)).toBe(true)
    expect(lines[1]).toMatch(/…$/)
    expect(wrap(font, 10, 'Rita\n  Sousa', 200, 2)).toEqual(['Rita Sousa'])
  })
})
