/**
 * An address as the geocoding cache and the shop's known places compare it: lower case,
 * accents dropped (`São` finds `Sao`), every run of punctuation and space one space. Typing
 * `rua augusta, 150` and `Rua Augusta 150` is the same query, answered once.
 *
 * @example
 * normalizeAddress('Rua de São Miguel 21, Alfama') // 'rua de sao miguel 21 alfama'
 */
export function normalizeAddress(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

/**
 * The key a reverse lookup is cached under: the point to four decimals (about 11 m), so
 * clicks on the same door share one answer.
 */
export function pointKey(lat: number, lng: number): string {
  return `${lat.toFixed(4)},${lng.toFixed(4)}`
}
