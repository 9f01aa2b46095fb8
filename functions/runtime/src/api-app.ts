import { OpenAPIHono, type Hook } from '@hono/zod-openapi'
import type { Env } from 'hono'
import { problem } from './problem'
import { requestIssues } from './request-issues'

/** Request parts as clients know them, not as the validator calls them. */
const PART: Record<string, string> = {
  json: 'body',
  param: 'path',
  query: 'query',
  header: 'header',
}

/**
 * Turns a failed schema check into a 400 problem that names every offending field, e.g.
 * `{ code: 'invalid_request', errors: [{ field: 'body.receiver.lat', message: '...' }] }`.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the hook serves every route
const invalidRequest: Hook<unknown, any, string, unknown> = (result, c) => {
  if (result.success) return
  // @hono/zod-validator hands the hook what it checked, though this type does not say so.
  const { data: sent } = result as { data?: unknown }
  const part = PART[result.target] ?? result.target
  const errors = requestIssues(result.error.issues, sent).map(({ path, message }) => ({
    field: [part, ...path].join('.'),
    message,
  }))
  const first = errors[0]
  return problem(c, 'invalid_request', `${first?.field}: ${first?.message}`, { errors })
}

/**
 * A Hono app whose routes are declared with schemas: requests are validated at the
 * boundary and the OpenAPI document is generated from the same declarations.
 */
export function createApiApp<E extends Env = Env>() {
  return new OpenAPIHono<E>({ defaultHook: invalidRequest })
}
