import type { z } from 'zod'

/** One thing wrong with what a client sent, worded for that client. */
export interface RequestIssue {
  /** Where in what was sent, e.g. `['receiver', 'lat']`. */
  path: string[]
  message: string
}

/**
 * Words a failed schema check of `sent` for the client that sent it: one entry per unknown
 * field, "is required" for a field left out (zod says "expected string, received
 * undefined"), and nothing more about a field once it is of the wrong type.
 */
export function requestIssues(issues: readonly z.core.$ZodIssue[], sent: unknown): RequestIssue[] {
  return meaningful(issues).flatMap((issue) => {
    const path = issue.path.map(String)
    // An unknown field is named by its own path, not its parent's.
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: [...path, key], message: 'is not a known field' }))
    }
    const missing = issue.code === 'invalid_type' && valueAt(sent, issue.path) === undefined
    return [{ path, message: missing ? 'is required' : issue.message }]
  })
}

/**
 * What is first wrong with an event's `data`, as one line for the sender or the log, worded as
 * `requestIssues` words a request's: `data.lat: is required`.
 */
export function eventDataIssue(issues: readonly z.core.$ZodIssue[], data: unknown): string {
  const [first] = requestIssues(issues, data)
  return `${['data', ...(first?.path ?? [])].join('.')}: ${first?.message ?? 'is not valid'}`
}

/**
 * Zod goes on checking a value of the wrong type against the type it wanted: an array sent
 * for a name is "expected string", then "Too small: expected array to have >=1 items". Past
 * the wrong type, what it says of that field only confuses.
 */
function meaningful(issues: readonly z.core.$ZodIssue[]): z.core.$ZodIssue[] {
  const key = (issue: z.core.$ZodIssue) => issue.path.map(String).join('\0')
  const mistyped = new Set(issues.filter((issue) => issue.code === 'invalid_type').map(key))
  return issues.filter((issue) => issue.code === 'invalid_type' || !mistyped.has(key(issue)))
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let current = value
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined
    current = (current as Record<PropertyKey, unknown>)[key]
  }
  return current
}
