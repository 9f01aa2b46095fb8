import { textFault } from '@dropmate/core'
import { z } from '@hono/zod-openapi'

// JavaScript's String.prototype.trim whitespace, spelled out: Python's \s (schemathesis,
// code generators) differs from JavaScript's, and the document must mean what the server does.
const SPACE =
  '\\t\\n\\v\\f\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff'
// textFault() as far as a pattern can say it: no NUL. Lone surrogates are refused as well,
// but no pattern names them portably: Rust's regex (jsonschema-rs, which schemathesis
// validates with) refuses a surrogate escape as no character at all, and generators never
// draw one, since a lone surrogate has no UTF-8 to send.
const CHARACTER = '[^\\u0000]'
const NOT_BLANK = `^${CHARACTER}*[^\\u0000${SPACE}]${CHARACTER}*$`

/** The text rule as a zod check: a 400 naming the field, with what is wrong with it. */
const refuseFaults = (value: string, ctx: z.RefinementCtx) => {
  const fault = textFault(value)
  if (fault) ctx.addIssue({ code: 'custom', message: fault })
}

/** The text rule's pattern, for schemas written as JSON Schema. */
export const WELL_FORMED_TEXT = `^${CHARACTER}*$`

interface TextOptions {
  max: number
  blank?: boolean
}

/**
 * Free text from a client, up to `max` characters (code points, as the document counts
 * them), never NUL nor a lone UTF-16 surrogate (textFault), and not blank unless `blank`
 * says so; each refusal is a 400 naming the field. Passed on trimmed.
 *
 * @example
 * const Note = text({ max: 500, blank: true }).optional()
 */
export function text(options: TextOptions) {
  const { max, blank = false } = options
  return z
    .string()
    .superRefine(refuseFaults)
    .refine((value) => [...value].length <= max, `must be at most ${max} characters`)
    .refine((value) => blank || value.trim() !== '', 'must not be blank')
    .openapi(textSchema(options))
    .transform((value) => value.trim())
}

/** What the document says of `text(options)`, for where it cannot tell (a record's keys). */
export function textSchema({ max, blank = false }: TextOptions) {
  return {
    maxLength: max,
    ...(blank ? {} : { minLength: 1 }),
    pattern: blank ? WELL_FORMED_TEXT : NOT_BLANK,
  }
}

/**
 * A string taken exactly as sent (a password, a token), held to the same rule as text():
 * `schema` says its lengths.
 *
 * @example
 * const Password = verbatim(z.string().min(10).max(1024))
 */
export function verbatim(schema: z.ZodString) {
  return schema.superRefine(refuseFaults).openapi({ pattern: WELL_FORMED_TEXT })
}

/**
 * A number in a query string, documented as the number `schema` describes: `?lat=38.7` is
 * 38.7, while an empty or non-numeric value fails `schema` and is a 400 naming the field.
 *
 * @example
 * z.object({ lat: queryNumber(z.number().min(-90).max(90)), limit: queryNumber(z.number()).default(10) })
 */
export function queryNumber<T extends z.ZodType>(schema: T) {
  return z.preprocess((value) => {
    if (typeof value !== 'string' || value.trim() === '') return value
    // Text that is no number stays text: the 400 then says a string came, not NaN.
    const number = Number(value)
    return Number.isNaN(number) ? value : number
  }, schema)
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
