import {
  parseTraceparent,
  runAsWork,
  startSpan,
  formatTraceparent,
  type WorkContext,
} from '@dropmate/core'
import type { Context, MiddlewareHandler } from 'hono'
import { matchedRoutes } from 'hono/route'
import { randomUUID } from 'node:crypto'
import { CLIENT_CLOSED_REQUEST, clientHungUp } from './client-closed'
import { logger, writeRequestLine } from './logger'
import { requestHeader, sendAlso } from './node-bindings'
import { routeFigures, type RouteFigures } from './http-metrics'
import { tracing as exporting } from './tracing'

/** Who answers which route: `GET /api/shipments/:id` → `get-shipment`. */
export type RouteOwners = ReadonlyMap<string, string>

// Probes and scrapes arrive every few seconds from the kubelet and Prometheus: not news.
const ROUTINE = new Set(['/health', '/ready', '/metrics'])
// OpenTelemetry's HTTP semantic conventions, spelled out: the package loads only when exporting.
const HTTP_METHOD = 'http.request.method'
const HTTP_ROUTE = 'http.route'
const HTTP_STATUS = 'http.response.status_code'
// A caller's request id is kept when it is a sane token, so its own logs join ours.
const REQUEST_ID = /^[\w.:-]{1,128}$/

/** What is done per request, beside the request line LOG_LEVEL governs. */
export interface ObserveOptions {
  /** Count and time it in `dropmate_http_*` (REQUEST_METRICS). */
  metrics: boolean
  /** Give it a request id and a span of its trace (REQUEST_TRACING). */
  tracing: boolean
}

/**
 * One log line and one metrics observation per request, with the request id (the caller's
 * `x-request-id` or a new one) and the W3C trace it belongs to (the caller's `traceparent`,
 * or the `ce-traceparent` of an event the broker delivers, or a new trace). Everything the
 * handler logs or emits carries both, and the answer names them in `x-request-id` and
 * `traceresponse`. What `options` turns off is not done at all. A request whose client hung
 * up before the answer is logged and counted as 499.
 *
 * @example
 * shell.use(observeRequests(new Map([['GET /api/me', 'me']]), { metrics: true, tracing: true }))
 */
export function observeRequests(
  owners: RouteOwners,
  { metrics, tracing }: ObserveOptions,
): MiddlewareHandler {
  const routes = routeBook(owners)
  // Per request, no closures: each costs an allocation, and under tsx a name defined on it.
  return async (c, next) => {
    const request = startedRequest(c, routes)
    if (!tracing) {
      await next()
      finish(c, request, metrics, undefined)
      return
    }
    const { method, route, answering } = request.route
    const parent = parseTraceparent(
      requestHeader(c, 'traceparent') ?? requestHeader(c, 'ce-traceparent'),
    )
    const work: WorkContext = {
      requestId: validRequestId(requestHeader(c, 'x-request-id')) ?? randomUUID(),
      trace: startSpan(parent),
      function: answering,
    }
    const span = exporting()?.workSpan(work.trace, parent, {
      name: `${method} ${route}`,
      kind: 'server',
      attributes: { [HTTP_METHOD]: method, [HTTP_ROUTE]: route },
    })
    sendAlso(c, 'x-request-id', work.requestId)
    sendAlso(c, 'traceresponse', formatTraceparent(work.trace))
    await runAsWork(work, next)
    const status = finish(c, request, metrics, work)
    if (span) {
      span.set({ [HTTP_STATUS]: status })
      // A server span is in error for 5xx only: a 4xx is the client's (OTel HTTP semconv).
      span.end(status >= 500 ? status : undefined)
    }
  }
}

/** What every request to one route by one method shares, worked out on the first. */
interface KnownRoute {
  method: string
  route: string
  /** The function that answers it, `other` for what none owns (a 404). */
  answering: string
  figures: RouteFigures
}

/** Each route's KnownRoute, by route and method: no key is put together per request. */
function routeBook(owners: RouteOwners) {
  const byRoute = new Map<string, Map<string, KnownRoute>>()
  return (method: string, route: string): KnownRoute => {
    let byMethod = byRoute.get(route)
    if (!byMethod) byRoute.set(route, (byMethod = new Map()))
    let known = byMethod.get(method)
    if (!known) {
      // Bounded: routes are the apps' own, and Node's parser takes only the methods it knows.
      const answering = owners.get(`${method === 'HEAD' ? 'GET' : method} ${route}`) ?? 'other'
      const figures = routeFigures({ function: answering, method, route })
      known = { method, route, answering, figures }
      byMethod.set(method, known)
    }
    return known
  }
}

/** What is known of a request as it arrives: routing is done before any middleware runs. */
interface StartedRequest {
  started: number
  route: KnownRoute
}

function startedRequest(c: Context, routes: ReturnType<typeof routeBook>): StartedRequest {
  return { started: performance.now(), route: routes(c.req.method, routeOf(c)) }
}

/**
 * Counts, times and logs the request once its handler is done, the request line with the ids
 * of its `work`. Returns the status it was counted as.
 */
function finish(
  c: Context,
  { started, route: known }: StartedRequest,
  metrics: boolean,
  work: WorkContext | undefined,
): number {
  const status = clientHungUp(c) ? CLIENT_CLOSED_REQUEST : c.res.status
  const seconds = (performance.now() - started) / 1000
  if (metrics) known.figures.record(status, seconds)
  const { method, route } = known
  const level = status >= 500 ? 'error' : ROUTINE.has(route) ? 'debug' : 'info'
  if (!logger.isLevelEnabled(level)) return status
  const ms = Math.round(seconds * 10_000) / 10
  writeRequestLine(level, { method, route, status, ms, event: eventOf(c) }, work)
  return status
}

/**
 * The route pattern that answers, not the path: `/api/shipments/track/:trackingNumber`
 * keeps tracking numbers out of logs and the series count bounded. Routing is done before
 * any middleware runs, so it is known here: the first route matched (middleware aside)
 * answers, and a catch-all that passes requests on, like the dashboard's, is mounted last.
 */
export function routeOf(c: Context): string {
  return matchedRoutes(c).find((route) => route.method !== 'ALL')?.path ?? 'unmatched'
}

/** A CloudEvent delivered in binary mode: which one, so each delivery is one findable line. */
function eventOf(c: Context) {
  const id = requestHeader(c, 'ce-id')
  if (id === undefined) return undefined
  return { id, type: requestHeader(c, 'ce-type'), source: requestHeader(c, 'ce-source') }
}

function validRequestId(value: string | undefined): string | undefined {
  return value !== undefined && REQUEST_ID.test(value) ? value : undefined
}
