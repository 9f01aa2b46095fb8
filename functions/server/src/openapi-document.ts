import { createApiDeps } from '@dropmate/kit'
import { loadConfig } from '@dropmate/core'
import { createSql } from '@dropmate/db'
import { createServer } from './app'
import { serveApps } from './function-server'
import { functionNamed } from './functions'

/**
 * The OpenAPI document `npm start` serves at /api/openapi.json (or, given a function's
 * name, the one its Knative Service serves), built in this process from the same apps with
 * no database, Redis or port: postgres.js connects on the first query, and routes run none
 * until a request comes.
 *
 * @example
 * const document = await openApiDocument()
 * const tracking = await openApiDocument('track-shipment')
 */
export async function openApiDocument(functionName?: string): Promise<OpenApiDocument> {
  const config = loadConfig({
    // Never signs anything; given so that no secret is generated on disk.
    JWT_SECRET: 'x'.repeat(32),
    DATABASE_URL: 'postgres://unused@127.0.0.1:1/unused',
  })
  const sql = createSql({ url: config.DATABASE_URL!, poolMax: 1, prepare: false })
  const api = await createApiDeps(config, sql)
  try {
    const deps = { api }
    const server = functionName
      ? serveApps(deps, { [functionName]: functionNamed(functionName).app(api) })
      : createServer(deps)
    const response = await server.request('/api/openapi.json')
    return (await response.json()) as OpenApiDocument
  } finally {
    await api.close()
    await sql.end()
  }
}

/** The parts of an OpenAPI 3.1 document this code looks at. */
export interface OpenApiDocument {
  openapi: string
  servers?: Array<{ url: string }>
  paths: Record<string, Record<string, Operation>>
}

export interface Operation {
  operationId?: string
  security?: Array<Record<string, string[]>>
  responses: Record<string, unknown>
}

/** Every operation of `document` with its method and path. */
export function operationsOf(document: OpenApiDocument) {
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ method, path, operation })),
  )
}
