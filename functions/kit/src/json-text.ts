import type { Context, TypedResponse } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'

declare const SAYS: unique symbol

/** JSON text of a `T`, made once to be answered many times. */
export type JsonText<T> = string & { readonly [SAYS]: T }

/** `value` as JSON text, typed as what it says. */
export function toJsonText<T>(value: T): JsonText<T> {
  return JSON.stringify(value) as JsonText<T>
}

/**
 * Answers JSON text made earlier as `c.json(value, status)` answers `value`: the same
 * Content-Type, and the type a route's declared response expects, without serializing the
 * value again on every request.
 *
 * @example
 * return answerJsonText(c, page, 200)
 */
export function answerJsonText<T, S extends ContentfulStatusCode>(
  c: Context,
  text: JsonText<T>,
  status: S,
) {
  const answer = c.body(text, status, { 'content-type': 'application/json' })
  // The body is the text of a T, which is what the route's schema declares.
  return answer as typeof answer & TypedResponse<T, S, 'json'>
}
