import { notFound, onError, problem } from '@dropmate/runtime'
import { OpenAPIHono } from '@hono/zod-openapi'
import type { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { cors } from 'hono/cors'
import { secureHeaders } from 'hono/secure-headers'
import type { ApiDeps } from './deps'

// Generous for a shipment with notes; a batch of GPS pings has its own, larger limit.
const MAX_BODY_BYTES = 64 * 1024
const BODYLESS = new Set(['GET', 'HEAD', 'OPTIONS'])

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- apps differ in env and schema
export type AnyApp = Hono<any, any, any>

/**
 * Wraps function apps in what every deployment of them shares: security headers, CORS from
 * the configured allowlist, a body size limit, problem responses for errors and unknown
 * routes, and the OpenAPI document built from the apps' route schemas. The one-process
 * server wraps every app once; a Knative Service wraps its one app.
 */
export function createShell(deps: Pick<ApiDeps, 'config'>, apps: AnyApp[]) {
  const shell = new OpenAPIHono()
  shell.use(secureHeaders())
  shell.use(
    '/api/*',
    cors({
      origin: deps.config.CORS_ORIGINS,
      credentials: true,
      allowHeaders: ['authorization', 'content-type', 'idempotency-key'],
      maxAge: 600,
    }),
  )
  const limitBody = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: (c) =>
      problem(c, 413, 'body_too_large', `Bodies are limited to ${MAX_BODY_BYTES} bytes.`),
  })
  // Only requests that carry a body: wrapping a GET's (empty) stream costs every lookup a
  // full Request object (14% of a tracking lookup's CPU, measured by npm run bench).
  shell.use('/api/*', (c, next) => (BODYLESS.has(c.req.method) ? next() : limitBody(c, next)))
  for (const app of apps) shell.route('/', app)
  shell.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT or Firebase ID token',
  })
  shell.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'DropMate API', version: '1' },
  })
  shell.notFound(notFound)
  shell.onError(onError)
  return shell
}
