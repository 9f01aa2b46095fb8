import http from 'k6/http'
import type { Response } from 'k6/http'
import { BASE_URL } from './config.ts'

/** One call to the DropMate API. */
export interface ApiCall {
  /**
   * The `endpoint` tag on the request's metrics: what thresholds and the end-of-test summary
   * group requests by.
   */
  endpoint: string
  /** Values for the route's `{name}` placeholders. */
  path?: Record<string, string>
  query?: Record<string, string>
  /** A bearer access token. */
  token?: string
  /** Sent as JSON, with its content type. */
  json?: unknown
  /** Sent as it is; `headers` say what it is. */
  body?: string
  headers?: Record<string, string>
  /** More tags beside `endpoint`. */
  tags?: Record<string, string>
}

/**
 * Calls `route` (an OpenAPI path such as `/api/shipments/{id}/assign`) on the deployment under
 * test. The route itself is the request's `name` tag, so a thousand tracking numbers make one
 * row in the summary, not a thousand.
 *
 * @example
 * const res = api('GET', '/api/shipments/track/{trackingNumber}', {
 *   endpoint: 'track',
 *   path: { trackingNumber: 'DM7K3QX9B2MTP4' },
 * })
 */
export function api(method: string, route: string, call: ApiCall): Response {
  const headers: Record<string, string> = { ...call.headers }
  if (call.token) headers.Authorization = `Bearer ${call.token}`
  let body = call.body
  if (call.json !== undefined) {
    headers['Content-Type'] = 'application/json'
    body = JSON.stringify(call.json)
  }
  return http.request(method, BASE_URL + pathOf(route, call) + queryOf(call.query), body, {
    headers,
    tags: { ...call.tags, endpoint: call.endpoint, name: route },
  })
}

function pathOf(route: string, { path = {} }: ApiCall): string {
  return route.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = path[name]
    if (value === undefined) throw new Error(`${route} needs a value for {${name}}`)
    return encodeURIComponent(value)
  })
}

function queryOf(query: Record<string, string> = {}): string {
  const pairs = Object.keys(query).map(
    (key) => `${encodeURIComponent(key)}=${encodeURIComponent(query[key]!)}`,
  )
  return pairs.length > 0 ? `?${pairs.join('&')}` : ''
}

/** The JSON body of a response, or null when it has none (a refused connection, HTML). */
export function jsonOf<T>(res: Response): T | null {
  try {
    return res.json() as unknown as T
  } catch {
    return null
  }
}
