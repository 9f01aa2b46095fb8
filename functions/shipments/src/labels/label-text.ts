import type { PDFFont } from 'pdf-lib'

/**
 * `text` as `font` can print it. The standard PDF fonts speak Windows-1252 only: accents it
 * lacks are dropped (é stays, ő becomes o), other characters become "?", rather than the
 * whole label failing on one name.
 */
export function printable(font: PDFFont, text: string): string {
  const known = new Set(font.getCharacterSet())
  return Array.from(text.replace(/\s+/g, ' ').trim(), (char) => {
    if (known.has(char.codePointAt(0)!)) return char
    const bare = char.normalize('NFKD').replace(/\p{M}/gu, '')
    return Array.from(bare).every((c) => known.has(c.codePointAt(0)!)) ? bare : '?'
  }).join('')
}

/**
 * Breaks `text` into lines at most `width` wide, at most `lines` of them; what does not fit
 * ends the last one with an ellipsis. A word wider than a line is cut.
 */
export function wrap(font: PDFFont, size: number, text: string, width: number, lines: number) {
  const fits = (line: string) => font.widthOfTextAtSize(line, size) <= width
  const out: string[] = []
  let line = ''
  for (const word of printable(font, text).split(' ')) {
    const next = line ? `${line} ${word}` : word
    if (fits(next)) {
      line = next
      continue
    }
    if (line) out.push(line)
    line = cut(word, fits)
  }
  if (line) out.push(line)
  if (out.length <= lines) return out
  const kept = out.slice(0, lines)
  kept[lines - 1] = cut(`${kept[lines - 1]} ${out[lines]}`, (l) => fits(`${l}…`)) + '…'
  return kept
}

function cut(text: string, fits: (line: string) => boolean): string {
  let end = text.length
  while (end > 0 && !fits(text.slice(0, end))) end--
  return text.slice(0, end)
}
