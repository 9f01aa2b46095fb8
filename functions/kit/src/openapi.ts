import { z, type RouteConfig } from '@hono/zod-openapi'
import { text } from './fields'

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string().openapi({ description: 'Stable, machine-readable error code' }),
    detail: z.string(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  })
  .openapi('Problem')

const DESCRIPTIONS: Record<number, string> = {
  400: 'The request is malformed or fails validation',
  401: 'No valid access token',
  403: 'The caller may not do this',
  404: 'Not found (or not visible to the caller)',
  409: 'Conflicts with the current state',
  413: 'The body is too large',
  415: 'The body is not of a media type this accepts',
  422: 'Well-formed but not acceptable',
  428: 'The request must be conditional (If-Match)',
  429: 'Too many requests',
  503: 'Something this needs is unreachable; try again shortly',
}

/** OpenAPI responses for the problems a route can answer with. */
export function problems(...statuses: Array<keyof typeof DESCRIPTIONS>): RouteConfig['responses'] {
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      {
        description: DESCRIPTIONS[status]!,
        content: { 'application/problem+json': { schema: ProblemSchema } },
      },
    ]),
  )
}

/** A JSON response of `schema` for OpenAPI. */
export function json<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } }
}

/** A required JSON request body of `schema`. */
export function jsonBody<T extends z.ZodType>(schema: T) {
  return { content: { 'application/json': { schema } }, required: true }
}

/** Marks a route as needing `Authorization: Bearer <access token>`. */
export const BEARER = [{ bearerAuth: [] }]

/** Marks a route anyone may call without a token, declared so rather than left unsaid. */
export const PUBLIC: RouteConfig['security'] = []

/** A tracking number in a path, as people type it: spaces and dashes are ignored later. */
export const TrackingNumberParam = z.object({
  trackingNumber: text({ max: 64 }).openapi({ param: { name: 'trackingNumber', in: 'path' } }),
})

/** An id in a path: a UUID, so a malformed one is a 400 naming it, never a database error. */
export const IdParam = z.object({
  id: z.uuid({ error: 'must be a UUID' }).openapi({ param: { name: 'id', in: 'path' } }),
})
