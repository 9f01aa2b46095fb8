/**
 * Why `value` cannot be taken as text from a client, or undefined when it can. PostgreSQL
 * stores no NUL in text or jsonb, and a lone UTF-16 surrogate has no UTF-8 form: jsonb
 * refuses its `\ud800` escape, and a text column would keep U+FFFD instead of what was sent.
 *
 * @example
 * textFault('a\u0000b') // 'must not hold a NUL character'
 */
export function textFault(value: string): string | undefined {
  if (value.includes('\u0000')) return 'must not hold a NUL character'
  if (!value.isWellFormed()) return 'must not hold a lone UTF-16 surrogate'
  return undefined
}
