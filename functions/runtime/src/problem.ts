import { PROBLEMS, type ProblemCode } from '@dropmate/contracts/problems'
import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { HTTPException } from 'hono/http-exception'
import { CLIENT_CLOSED_REQUEST, clientHungUp } from './client-closed'
import { databaseOutage } from './database-outage'
import { logger } from './logger'
import { routeOf } from './observe'
import { redisOutage } from './redis-outage'

/**
 * An error a client can act on: a stable machine-readable `code` from the catalogue
 * (`PROBLEMS` in contracts), whose HTTP status it takes. Handlers throw these; `onError` turns
 * them into RFC 9457 responses.
 */
export class ProblemError extends Error {
  override name = 'ProblemError'
  readonly status: ContentfulStatusCode
  constructor(
    readonly code: ProblemCode,
    message: string,
    readonly extensions: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message)
    this.status = PROBLEMS[code]
  }
}

/** Builds the `application/problem+json` response (RFC 9457) of a catalogued problem. */
export function problem(
  c: Context,
  code: ProblemCode,
  detail: string,
  extensions: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Response {
  return problemResponse(c, PROBLEMS[code], code, detail, extensions, headers)
}

/** The response itself, for Hono's own errors too, whose status comes with them. */
function problemResponse(
  c: Context,
  status: ContentfulStatusCode,
  code: string,
  detail: string,
  extensions: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Response {
  const body = { type: 'about:blank', title: titleOf(status), status, code, detail, ...extensions }
  return c.body(JSON.stringify(body), status, {
    ...headers,
    'content-type': 'application/problem+json',
  })
}

/** The one error mapper every app installs: known errors keep their code, the rest are 500s. */
export function onError(error: Error, c: Context): Response {
  if (clientHungUp(c)) {
    // Whatever failed once the client had gone (most often reading the body it stopped
    // sending, an ECONNRESET that is no database's) has no one to answer and is not ours to
    // fix: the request line says 499, and this names what broke, without a stack or a message
    // (which can quote data).
    const { code } = error as { code?: unknown }
    const reason = typeof code === 'string' ? code : error.name
    logger.debug({ route: routeOf(c), method: c.req.method, reason }, 'client hung up')
    return new Response(null, { status: CLIENT_CLOSED_REQUEST })
  }
  if (error instanceof ProblemError) {
    return problem(c, error.code, error.message, error.extensions, error.headers)
  }
  if (error instanceof HTTPException && error.status < 500) {
    // Hono's own 4xx: the JSON validator's parse failure, a body over its limit
    const code = error.status === 400 ? 'malformed_request' : codeOf(error.status)
    return problemResponse(c, error.status, code, detailOf(c, error))
  }
  const outage = redisOutage(error) ?? databaseOutage(error)
  if (outage) {
    // A warning: the request is fine, and will be served once the dependency is back.
    logger.warn({ err: error, route: routeOf(c), method: c.req.method }, outage.logged)
    const retryAfter = { 'retry-after': String(outage.retryAfterSeconds) }
    return problem(c, outage.code, outage.detail, {}, retryAfter)
  }
  // Never echo internals (SQL, stack traces) to the client; the log has them. The route, not
  // the path: a path can hold a tracking number, which is all it takes to unsubscribe.
  logger.error({ err: error, route: routeOf(c), method: c.req.method }, 'request failed')
  return problem(c, 'internal_error', 'Something went wrong on our side; try again.')
}

/** Hono's own words, except where they would not say what was wrong with what was sent. */
function detailOf(c: Context, error: HTTPException): string {
  if (error.status === 415) {
    const sent = c.req.header('content-type')
    return sent === undefined
      ? 'The body has no Content-Type; send one.'
      : `A body of type ${sent} is not accepted here.`
  }
  return error.message || titleOf(error.status)
}

export function notFound(c: Context): Response {
  return problem(c, 'route_not_found', `No route for ${c.req.method} ${c.req.path}`)
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
}

function codeOf(status: number): string {
  return titleOf(status).toLowerCase().replaceAll(' ', '_')
}

function titleOf(status: number): string {
  return TITLES[status] ?? 'Error'
}
