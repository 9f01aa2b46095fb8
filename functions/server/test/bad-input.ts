import type { OpenApiDocument } from '../src/openapi-document'

/** What the bad-input sweep reads of a request body's JSON Schema. */
export interface JsonSchema {
  $ref?: string
  type?: string | string[]
  const?: unknown
  enum?: unknown[]
  properties?: Record<string, JsonSchema>
  additionalProperties?: boolean | JsonSchema
  items?: JsonSchema
  anyOf?: JsonSchema[]
  oneOf?: JsonSchema[]
  allOf?: JsonSchema[]
}

/** The key the sweep adds to a free-form object, to spoil its value or the key itself. */
export const NEW_KEY = 'sweep'

/** A place in a body a value can be put, and what kind of value belongs there. */
export interface Field {
  path: string[]
  type: 'string' | 'number' | 'key'
}

/** A bad value to send; `ruled` ones are what the text rule refuses: a 400 naming the field. */
export interface Bad {
  label: string
  value: string
  ruled?: boolean
}

// As JSON text, so that what JSON.stringify cannot write (a lone surrogate escape, a
// number too large for a double) reaches the server exactly so.
export const BAD_STRINGS: Bad[] = [
  { label: 'a NUL byte inside', value: JSON.stringify('a\u0000b'), ruled: true },
  { label: 'a NUL byte alone', value: JSON.stringify('\u0000'), ruled: true },
  { label: 'a lone high surrogate', value: '"a\\ud800b"', ruled: true },
  { label: 'a lone low surrogate', value: '"\\udfff"', ruled: true },
  { label: '1 MB of text', value: JSON.stringify('x'.repeat(1 << 20)) },
  // Under the body limit, so validation, not the limit, has to refuse it.
  { label: '60,000 characters', value: JSON.stringify('x'.repeat(60_000)) },
]

export const BAD_NUMBERS: Bad[] = [
  { label: 'the smallest denormal', value: '5e-324' },
  { label: 'a denormal', value: '1e-320' },
  { label: 'a huge number', value: '1e308' },
  { label: 'negative zero', value: '-0' },
  { label: 'a number past a double (Infinity when parsed)', value: '1e999' },
  { label: 'minus past a double', value: '-1e999' },
  { label: 'the string NaN', value: '"NaN"' },
  { label: 'the string Infinity', value: '"Infinity"' },
  { label: 'a denormal as a string', value: '"1e-320"' },
]

// Percent-encoded, as in a URL or a binary-mode ce-* header. A lone surrogate has no UTF-8
// form: its WTF-8 bytes are what a broken client sends. Long text stops at 8 kB: Node
// answers longer request heads with a bare 431 before any application sees them.
export const BAD_URL_TEXT: Bad[] = [
  { label: 'a NUL byte inside', value: 'a%00b', ruled: true },
  { label: 'a NUL byte alone', value: '%00', ruled: true },
  { label: 'a lone surrogate (WTF-8)', value: 'a%ED%A0%80b' },
  { label: 'a byte that is not UTF-8', value: '%FF' },
  { label: 'a broken escape', value: '%E0%A4%A' },
  { label: '8 kB of text', value: 'x'.repeat(8000) },
  { label: 'the smallest denormal', value: '5e-324' },
  { label: 'a denormal', value: '1e-320' },
  { label: 'a huge number', value: '1e308' },
  { label: 'negative zero', value: '-0' },
  { label: 'NaN', value: 'NaN' },
  { label: 'Infinity', value: 'Infinity' },
  { label: 'a number past a double', value: '1e999' },
]

const resolve = (schema: JsonSchema, document: OpenApiDocument): JsonSchema => {
  if (!schema.$ref) return schema
  const name = schema.$ref.replace('#/components/schemas/', '')
  const components = (
    document as unknown as { components: { schemas: Record<string, JsonSchema> } }
  ).components.schemas
  return resolve(components[name]!, document)
}

const typesOf = (schema: JsonSchema): string[] => {
  if (schema.const !== undefined) return [typeof schema.const]
  if (schema.enum) return [...new Set(schema.enum.map((value) => typeof value))]
  return [schema.type ?? []].flat()
}

/**
 * Every string and number a body of `schema` can hold, at any depth: properties, array
 * items, every branch of a union, and the keys and values of free-form objects.
 */
export function fieldsOf(
  schema: JsonSchema,
  document: OpenApiDocument,
  path: string[] = [],
): Field[] {
  const resolved = resolve(schema, document)
  const branches = [...(resolved.anyOf ?? []), ...(resolved.oneOf ?? []), ...(resolved.allOf ?? [])]
  const fields = branches.flatMap((branch) => fieldsOf(branch, document, path))
  const types = typesOf(resolved)
  if (types.includes('string')) fields.push({ path, type: 'string' })
  if (types.includes('number') || types.includes('integer')) fields.push({ path, type: 'number' })
  for (const [name, property] of Object.entries(resolved.properties ?? {})) {
    fields.push(...fieldsOf(property, document, [...path, name]))
  }
  const extra = resolved.additionalProperties
  if (extra && typeof extra === 'object') {
    fields.push({ path: [...path, NEW_KEY], type: 'key' })
    fields.push(...fieldsOf(extra, document, [...path, NEW_KEY]))
  }
  if (resolved.items) fields.push(...fieldsOf(resolved.items, document, [...path, '0']))
  return dedupe(fields)
}

const dedupe = (fields: Field[]) => [
  ...new Map(fields.map((field) => [`${field.type} ${field.path.join('.')}`, field])).values(),
]

const PLACEHOLDER = '\u0001spoilt\u0001'

/**
 * `valid` as JSON text with `json` (JSON text itself) at `path`, objects on the way made
 * as needed; for a `key` field, `json` is the name of a new key holding `true`.
 */
export function withValueAt(valid: unknown, field: Field, json: string): string {
  const copy = structuredClone(valid) as Record<string, unknown>
  let at: Record<string, unknown> = copy
  const parents = field.path.slice(0, -1)
  for (const step of parents) {
    if (typeof at[step] !== 'object' || at[step] === null) at[step] = {}
    at = at[step] as Record<string, unknown>
  }
  const last = field.path.at(-1)
  const marker = JSON.stringify(PLACEHOLDER)
  if (last === undefined) return json
  if (field.type === 'key') {
    at[PLACEHOLDER] = true
  } else {
    at[last] = PLACEHOLDER
  }
  return JSON.stringify(copy).replace(marker, json)
}
