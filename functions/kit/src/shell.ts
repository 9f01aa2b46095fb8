import {
  observeRequests,
  onError,
  problem,
  requestHeader,
  sendAlso,
  type AnyApp,
} from '@dropmate/runtime'
import { OpenAPIHono } from '@hono/zod-openapi'
import type { Context, MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { cors } from 'hono/cors'
import type { ApiDeps } from './deps'
import { methodNotAllowed } from './method-not-allowed'

// Generous for a shipment with notes.
const MAX_BODY_BYTES = 64 * 1024
/** A phone catching up after a dead zone sends its pings as one batch (500 × ~600 bytes). */
export const MAX_PING_BODY_BYTES = 512 * 1024
/** A day's orders as CSV: 10,000 rows (the import's cap) of about 400 bytes. */
export const MAX_IMPORT_BODY_BYTES = 5 * 1024 * 1024
const LARGER_BODIES: Record<string, number> = {
  '/api/locations': MAX_PING_BODY_BYTES,
  '/api/shipments/import': MAX_IMPORT_BODY_BYTES,
}
const BODYLESS = new Set(['GET', 'HEAD', 'OPTIONS'])

/** What the OpenAPI document says beside the routes. */
const DOCUMENT = {
  openapi: '3.1.0',
  info: {
    title: 'DropMate API',
    version: '1',
    description:
      'Delivery management: shipments, drivers, live driver positions and public tracking. ' +
      'Sign in with `POST /api/auth/login` (or a Firebase ID token) and send the access token ' +
      'as `Authorization: Bearer <token>`. Errors are `application/problem+json` (RFC 9457) ' +
      'with a stable `code`. No string, in a body, a query or a path, may hold a NUL or a lone ' +
      'UTF-16 surrogate: either is a 400 naming the field.',
  },
  // Relative: the API is wherever this document was fetched from, whatever the host, port or
  // proxy in front. PUBLIC_URL would not do: it defaults to localhost:8080 wherever it runs.
  servers: [{ url: '/', description: 'The server that serves this document' }],
}

/**
 * Wraps function apps in what every deployment of them shares: a log line, metrics and a
 * trace per request, CORS from the configured allowlist, a body size
 * limit, problem responses for errors and unknown routes, and the OpenAPI document built
 * from the apps' route schemas. The one-process server wraps every app once; a Knative
 * Service wraps its one app. Apps are named by what their requests are logged and counted
 * as: the function (`track-shipment`) or the part of the process (`health`).
 *
 * @example
 * createShell(deps, { health: healthRoutes(...), 'track-shipment': trackShipment(deps) })
 */
export function createShell(deps: Pick<ApiDeps, 'config'>, apps: Record<string, AnyApp>) {
  const shell = new OpenAPIHono()
  const { REQUEST_METRICS: metrics, REQUEST_TRACING: tracing } = deps.config
  shell.use(observeRequests(routeOwners(apps), { metrics, tracing }))
  shell.use('/api/*', corsFor(deps.config.CORS_ORIGINS))
  const limitBody = (maxSize: number): MiddlewareHandler => {
    const detail = `Bodies are limited to ${maxSize} bytes.`
    const tooLarge = (c: Context) => problem(c, 'body_too_large', detail)
    const streamed = bodyLimit({ maxSize, onError: tooLarge })
    return async (c, next) => {
      // A declared length is checked here: hono's bodyLimit looks at the body stream, which
      // makes @hono/node-server wrap the request in a web stream that handlers like ping
      // ingest then cannot skip. A body longer than declared is cut off by Node itself.
      const declared = c.req.header('content-length')
      if (declared === undefined) return streamed(c, next)
      return Number(declared) > maxSize ? tooLarge(c) : next()
    }
  }
  const usualLimit = limitBody(MAX_BODY_BYTES)
  const largerLimits = new Map(
    Object.entries(LARGER_BODIES).map(([path, maxSize]) => [path, limitBody(maxSize)]),
  )
  const methods = methodNotAllowed(Object.values(apps))
  shell.use(methods.guard)
  shell.use('/api/*', (c, next) => {
    if (BODYLESS.has(c.req.method)) return next()
    return (largerLimits.get(c.req.path) ?? usualLimit)(c, next)
  })
  for (const app of Object.values(apps)) shell.route('/', app)
  shell.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT or Firebase ID token',
  })
  shell.doc31('/api/openapi.json', DOCUMENT)
  shell.notFound(methods.unmatched)
  shell.onError(onError)
  return shell
}

/**
 * CORS from the allowlist. A request with no Origin is no browser's cross-origin call (a
 * phone, a server, a same-origin GET): it only needs `Vary: Origin`. hono's cors sets its
 * headers on the response before the handler has made it, which makes @hono/node-server
 * rebuild that response through a web stream; on the hot paths that doubled a request's cost.
 */
function corsFor(origins: string[]): MiddlewareHandler {
  const browsers = cors({
    origin: origins,
    credentials: true,
    allowHeaders: ['authorization', 'content-type', 'idempotency-key'],
    maxAge: 600,
  })
  return (c, next) => {
    if (requestHeader(c, 'origin') !== undefined) return browsers(c, next)
    sendAlso(c, 'vary', 'Origin')
    return next()
  }
}

/** Which app answers each route, as `METHOD /path` (middleware, registered as ALL, is no one's). */
function routeOwners(apps: Record<string, AnyApp>): Map<string, string> {
  const owners = new Map<string, string>()
  for (const [name, app] of Object.entries(apps)) {
    for (const { method, path } of app.routes) {
      if (method !== 'ALL') owners.set(`${method} ${path}`, name)
    }
  }
  return owners
}

/** The embedded object store's endpoint, named for logs, when the process serves one. */
export function objectStorageApp(deps: Pick<ApiDeps, 'objects'>): Record<string, AnyApp> {
  return deps.objects.endpoint ? { 'object-storage': deps.objects.endpoint } : {}
}
