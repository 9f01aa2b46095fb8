import { z } from '@hono/zod-openapi'

/**
 * A shipment's entity tag: its version, which every change counts up. Strong (RFC 9110
 * §8.8.3), since If-Match compares tags strongly: a weak one could never match.
 *
 * @example
 * entityTag(3) // '"3"'
 */
export const entityTag = (version: number) => `"${version}"`

/** `If-Match`: `*`, or the tags of the versions an edit was made from. */
export const IfMatchHeader = z.object({
  'if-match': z
    .string()
    .regex(/^\s*(\*|"\d{1,9}"(\s*,\s*"\d{1,9}")*)\s*$/, 'must be an entity tag such as "3"')
    .openapi({
      description: 'The ETag the shipment was read with; a stale one gets 409 version_conflict',
      example: '"3"',
    }),
})

/**
 * The versions an `If-Match` accepts; `any` for `*` (any current version, RFC 9110 §13.1.1).
 *
 * @example
 * acceptedVersions('"3", "4"') // [3, 4]
 */
export function acceptedVersions(ifMatch: string): number[] | 'any' {
  if (ifMatch.trim() === '*') return 'any'
  return [...ifMatch.matchAll(/"(\d+)"/g)].map((match) => Number(match[1]))
}
