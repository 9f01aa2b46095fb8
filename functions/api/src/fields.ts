import { z } from '@hono/zod-openapi'

// JavaScript's String.prototype.trim whitespace, spelled out: Python's \s (schemathesis,
// code generators) differs from JavaScript's, and the document must mean what the server does.
const SPACE =
  '\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff'
// PostgreSQL cannot store NUL in text or jsonb: unchecked, one fails the query (a 500).
// eslint-disable-next-line no-control-regex -- NUL is the character this refuses
const NO_NUL = /^[^\u0000]*$/
const NOT_BLANK = new RegExp(`^[^\\u0000]*[^\\u0000${SPACE}][^\\u0000]*$`)

interface TextOptions {
  max: number
  blank?: boolean
}

/**
 * Free text from a client, up to `max` characters (code points, as the document counts
 * them), never NUL, and not blank unless `blank` says so; each refusal is a 400 naming the
 * field. Passed on trimmed, with lone UTF-16 surrogates as U+FFFD, as a text column would
 * store them anyway, rather than failing in jsonb.
 *
 * @example
 * const Note = text({ max: 500, blank: true }).optional()
 */
export function text(options: TextOptions) {
  const { max, blank = false } = options
  return z
    .string()
    .refine((value) => [...value].length <= max, `must be at most ${max} characters`)
    .regex(
      blank ? NO_NUL : NOT_BLANK,
      blank ? 'must not hold a NUL character' : 'must not be blank or hold a NUL character',
    )
    .openapi(textSchema(options))
    .transform((value) => value.trim().toWellFormed())
}

/** What the document says of `text(options)`, for where it cannot tell (a record's keys). */
export function textSchema({ max, blank = false }: TextOptions) {
  const pattern = (blank ? NO_NUL : NOT_BLANK).source
  return { maxLength: max, ...(blank ? {} : { minLength: 1 }), pattern }
}

/**
 * A number in a query string, documented as the number `schema` describes: `?lat=38.7` is
 * 38.7, while an empty or non-numeric value fails `schema` and is a 400 naming the field.
 *
 * @example
 * z.object({ lat: queryNumber(z.number().min(-90).max(90)), limit: queryNumber(z.number()).default(10) })
 */
export function queryNumber<T extends z.ZodType>(schema: T) {
  return z.preprocess(
    (value) => (typeof value === 'string' && value.trim() !== '' ? Number(value) : value),
    schema,
  )
}

// Zod's email check, written out so the document carries it (a `format: email` alone admits
// `a^b/c@d.info`, which this refuses), with host names as RFC 1123 spells them.
const EMAIL =
  /^[A-Za-z0-9_'+-]+(?:\.[A-Za-z0-9_'+-]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/

export const Email = z
  .email({ pattern: EMAIL, error: 'must be an email address' })
  .max(254)
  // RFC 5321 §4.5.3.1.1, which `format: email` checkers hold addresses to.
  .refine((email) => email.indexOf('@') <= 64, 'must have at most 64 characters before the @')
  .openapi({ pattern: EMAIL.source, example: 'someone@example.com' })

export const Phone = z
  .string()
  .regex(/^\+?[0-9 ()-]{6,20}$/, 'must be a phone number')
  .openapi({ example: '+351 910 000 001' })
