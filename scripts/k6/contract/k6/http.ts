import { createSyncFn } from 'synckit'
import type { WireRequest, WireResponse } from '../http-worker'
import { emit, recordExchange } from '../recorder'

/**
 * The `k6/http` module, as far as the scenarios use it: `request`, synchronous as in k6, with
 * the metrics and tags k6 puts on every request. Anything else a script asks of it (another
 * function, a params field) throws, so the contract never passes a script it cannot judge.
 */

const send = createSyncFn<(wire: WireRequest) => Promise<WireResponse>>(
  new URL('../http-worker-entry.mjs', import.meta.url).pathname,
)

interface Params {
  headers?: Record<string, string>
  tags?: Record<string, string>
  timeout?: number
}

const KNOWN_PARAMS = new Set(['headers', 'tags', 'timeout'])
// k6's default request timeout.
const TIMEOUT_MS = 60_000
// k6 sends its own User-Agent unless the script sets one.
const USER_AGENT = 'k6 contract shim (scripts/k6/contract)'

export function request(method: string, url: string, body?: string | null, params: Params = {}) {
  for (const key of Object.keys(params)) {
    if (!KNOWN_PARAMS.has(key)) throw new Error(`the contract shim has no params.${key}`)
  }
  if (body != null && typeof body !== 'string') {
    throw new Error('the contract shim sends string bodies only')
  }
  const headers: Record<string, string> = { 'User-Agent': USER_AGENT, ...params.headers }
  if (body != null) headers['Content-Length'] = String(Buffer.byteLength(body))
  const wire = send({
    method,
    url,
    headers,
    body: body ?? null,
    timeoutMs: params.timeout ?? TIMEOUT_MS,
  })
  const tags = params.tags ?? {}
  const expected = wire.status >= 200 && wire.status < 400
  recordExchange({
    method,
    url,
    headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v])),
    body: body ?? null,
    status: wire.status,
    tags,
  })
  const sampleTags = {
    method,
    url,
    name: url,
    status: String(wire.status),
    proto: 'HTTP/1.1',
    expected_response: String(expected),
    ...tags,
  }
  emit('http_reqs', 'counter', 1, sampleTags)
  emit('http_req_duration', 'trend', wire.duration, sampleTags)
  emit('http_req_waiting', 'trend', wire.waiting, sampleTags)
  emit('http_req_receiving', 'trend', wire.duration - wire.waiting, sampleTags)
  emit('http_req_failed', 'rate', expected ? 0 : 1, sampleTags)
  emit('data_sent', 'counter', Buffer.byteLength(body ?? ''), sampleTags)
  emit('data_received', 'counter', Buffer.byteLength(wire.body), sampleTags)
  return {
    status: wire.status,
    body: wire.body,
    timings: { duration: wire.duration },
    json(selector?: string): unknown {
      if (selector !== undefined) throw new Error('the contract shim has no json(selector)')
      return JSON.parse(wire.body)
    },
  }
}

export default { request }
