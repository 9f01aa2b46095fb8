import { OpenAPIHono, type Hook } from '@hono/zod-openapi'
import type { Env } from 'hono'
import { problem } from './problem'

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
  const errors = meaningful(result.error.issues).flatMap((issue) => {
    const at = (...path: PropertyKey[]) => [part, ...path.map(String)].join('.')
    // An unknown field is named by its own path, not its parent's.
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        field: at(...issue.path, key),
        message: 'is not a known field',
      }))
    }
    // Zod words a field left out as "expected string, received undefined".
    const missing = issue.code === 'invalid_type' && valueAt(sent, issue.path) === undefined
    return [{ field: at(...issue.path), message: missing ? 'is required' : issue.message }]
  })
  const first = errors[0]
  return problem(c, 'invalid_request', `${first?.field}: ${first?.message}`, { errors })
}

type Issue = { code: string; path: PropertyKey[] }

/**
 * Zod goes on checking a value of the wrong type against the type it wanted: an array sent
 * for a name is "expected string", then "Too small: expected array to have >=1 items". Past
 * the wrong type, what it says of that field only confuses.
 */
function meaningful<T extends Issue>(issues: T[]): T[] {
  const at = (issue: Issue) => issue.path.map(String).join('\0')
  const mistyped = new Set(issues.filter((issue) => issue.code === 'invalid_type').map(at))
  return issues.filter((issue) => issue.code === 'invalid_type' || !mistyped.has(at(issue)))
}

function valueAt(value: unknown, path: PropertyKey[]): unknown {
  let at = value
  for (const key of path) {
    if (typeof at !== 'object' || at === null) return undefined
    at = (at as Record<PropertyKey, unknown>)[key]
  }
  return at
}

/**
 * A Hono app whose routes are declared with schemas: requests are validated at the
 * boundary and the OpenAPI document is generated from the same declarations.
 */
export function createApiApp<E extends Env = Env>() {
  return new OpenAPIHono<E>({ defaultHook: invalidRequest })
}
