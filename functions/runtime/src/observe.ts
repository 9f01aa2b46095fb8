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
import { httpDuration, httpRequests } from './metrics'
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
  // Per request, no closures: each costs an allocation, and under tsx a name defined on it.
  return async (c, next) => {
    const request = startedRequest(c, owners)
    if (!tracing) {
      await next()
      finish(c, request, metrics, undefined)
      return
    }
    const { method, route } = request
    const parent = parseTraceparent(
      requestHeader(c, 'traceparent') ?? requestHeader(c, 'ce-traceparent'),
    )
    const work: WorkContext = {
      requestId: validRequestId(requestHeader(c, 'x-request-id')) ?? randomUUID(),
      trace: startSpan(parent),
      function: request.answering,
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

/** What is known of a request as it arrives: routing is done before any middleware runs. */
interface StartedRequest {
  started: number
  method: string
  route: string
  /** The function that answers it, `other` for what none owns (a 404). */
  answering: string
}

function startedRequest(c: Context, owners: RouteOwners): StartedRequest {
  const started = performance.now()
  const method = c.req.method
  const route = routeOf(c)
  const answering = owners.get(`${method === 'HEAD' ? 'GET' : method} ${route}`) ?? 'other'
  return { started, method, route, answering }
}

/**
 * Counts, times and logs the request once its handler is done, the request line with the ids
 * of its `work`. Returns the status it was counted as.
 */
function finish(
  c: Context,
  { started, method, route, answering }: StartedRequest,
  metrics: boolean,
  work: WorkContext | undefined,
): number {
  const status = clientHungUp(c) ? CLIENT_CLOSED_REQUEST : c.res.status
  const seconds = (performance.now() - started) / 1000
  if (metrics) {
    const labels = { function: answering, method, route }
    httpRequests.inc({ ...labels, status: String(status) })
    httpDuration.observe(labels, seconds)
  }
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
