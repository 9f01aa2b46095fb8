import { formatTraceparent } from '@dropmate/core'
import {
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_SERVER_ADDRESS,
  ATTR_SERVER_PORT,
} from '@opentelemetry/semantic-conventions'
import { subscribe, unsubscribe } from 'node:diagnostics_channel'
import type { ClientRequest, IncomingMessage } from 'node:http'
import type { OpenSpan, SpanStart } from './tracing'

type ChildSpan = (span: SpanStart) => OpenSpan | undefined

/** What undici (Node's fetch) publishes of a request; `headers` is name, value, name, … */
interface UndiciRequest {
  origin: string | URL
  method: string
  headers: string[] | string
  addHeader(name: string, value: string): void
}

/**
 * A CLIENT span for every HTTP call this process makes while handling a request or delivery
 * (the broker's sends and deliveries, webhooks, geocoder and router, mail, texts, pushes),
 * from the events Node publishes for `fetch` (undici) and for `node:http`; the call carries
 * the span's `traceparent` in place of the work's, so the callee's span is its child. Names
 * and attributes stay low-cardinality: method, host and port, never the path or query.
 * Returns what unsubscribes.
 */
export function traceOutgoingCalls(childSpan: ChildSpan): () => void {
  const fetches = new WeakMap<object, OpenSpan>()
  const requests = new WeakMap<object, OpenSpan>()
  const start = (method: string, url: URL) =>
    childSpan({
      name: method,
      kind: 'client',
      attributes: {
        [ATTR_HTTP_REQUEST_METHOD]: method,
        [ATTR_SERVER_ADDRESS]: url.hostname,
        [ATTR_SERVER_PORT]: Number(url.port) || (url.protocol === 'https:' ? 443 : 80),
      },
    })
  const answered = (span: OpenSpan | undefined, status: number) => {
    span?.set({ [ATTR_HTTP_RESPONSE_STATUS_CODE]: status })
    span?.end(status >= 400 ? status : undefined)
  }

  const handlers: Record<string, (message: never) => void> = {
    'undici:request:create': ({ request }: { request: UndiciRequest }) => {
      const span = start(request.method, new URL(request.origin))
      if (!span) return
      fetches.set(request, span)
      carryTraceparent(request, formatTraceparent(span.trace))
    },
    'undici:request:headers': ({ request, response }: { request: object; response: Status }) =>
      answered(fetches.get(request), response.statusCode),
    'undici:request:error': ({ request, error }: { request: object; error: unknown }) =>
      fetches.get(request)?.end(error),
    'http.client.request.created': ({ request }: { request: ClientRequest }) => {
      const host = String(request.getHeader('host') ?? request.host)
      const span = start(request.method, new URL(`${request.protocol}//${host}`))
      if (!span) return
      requests.set(request, span)
      request.setHeader('traceparent', formatTraceparent(span.trace))
    },
    'http.client.response.finish': ({ request, response }: HttpFinish) =>
      answered(requests.get(request), response.statusCode ?? 0),
    'http.client.request.error': ({ request, error }: { request: object; error: unknown }) =>
      requests.get(request)?.end(error),
  }
  for (const [channel, handler] of Object.entries(handlers)) subscribe(channel, handler as never)
  return () => {
    for (const [channel, handler] of Object.entries(handlers)) {
      unsubscribe(channel, handler as never)
    }
  }
}

interface Status {
  statusCode: number
}

interface HttpFinish {
  request: object
  response: IncomingMessage
}

/** Sets `traceparent` on a fetch about to be sent, replacing the one its caller put there. */
function carryTraceparent(request: UndiciRequest, traceparent: string) {
  const { headers } = request
  if (Array.isArray(headers)) {
    for (let i = 0; i < headers.length; i += 2) {
      if (headers[i]!.toLowerCase() === 'traceparent') {
        headers[i + 1] = traceparent
        return
      }
    }
  } else if (/^traceparent:/im.test(headers)) {
    request.headers = headers.replace(/^traceparent:.*$/im, `traceparent: ${traceparent}`)
    return
  }
  request.addHeader('traceparent', traceparent)
}
