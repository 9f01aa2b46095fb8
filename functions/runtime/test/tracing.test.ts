import { currentWork, loadConfig, traceExtension } from '@dropmate/core'
import { Hono } from 'hono'
import { once } from 'node:events'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { observeRequests } from '../src/observe'
import { startTracing, stopTracing, tracing } from '../src/tracing'

interface JsonSpan {
  traceId: string
  spanId: string
  parentSpanId?: string
  name: string
  kind: number
  attributes: Array<{ key: string; value: Record<string, unknown> }>
}
interface JsonRequest {
  resourceSpans: Array<{
    resource: { attributes: JsonSpan['attributes'] }
    scopeSpans: Array<{ spans: JsonSpan[] }>
  }>
}

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736'
const CALLER = '00f067aa0ba902b7'

let collector: Server
let downstream: Server
const exported: JsonRequest[] = []
const heard: Array<string | undefined> = []

const urlOf = (server: Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`

beforeAll(async () => {
  collector = createServer((request, response) => {
    let body = ''
    request.on('data', (chunk: Buffer) => (body += chunk))
    request.on('end', () => {
      if (request.url === '/v1/traces') exported.push(JSON.parse(body) as JsonRequest)
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}')
    })
  })
  downstream = createServer((request, response) => {
    heard.push(request.headers.traceparent as string | undefined)
    response.end('ok')
  })
  for (const server of [collector, downstream]) {
    server.listen(0, '127.0.0.1')
    await once(server, 'listening')
  }
})

afterEach(() => stopTracing(1_000))

afterAll(() => {
  collector.close()
  downstream.close()
})

const spansOf = (requests: JsonRequest[]) =>
  requests.flatMap(({ resourceSpans }) =>
    resourceSpans.flatMap(({ resource, scopeSpans }) =>
      scopeSpans.flatMap(({ spans }) =>
        spans.map((span) => ({
          ...span,
          service: resource.attributes.find(({ key }) => key === 'service.name')?.value.stringValue,
          attributes: Object.fromEntries(
            span.attributes.map(({ key, value }) => [key, Object.values(value)[0]]),
          ),
        })),
      ),
    ),
  )

/** An app whose one route calls another service, as the broker's sends and deliveries do. */
function orders() {
  return new Hono()
    .use(
      observeRequests(new Map([['GET /orders/:id', 'get-order']]), {
        metrics: false,
        tracing: true,
      }),
    )
    .get('/orders/:id', async (c) => {
      // The caller sets the work's traceparent; the client span puts its own in its place.
      const headers = { traceparent: traceExtension().traceparent! }
      await (await fetch(urlOf(downstream), { headers })).text()
      return c.json(currentWork()!.trace)
    })
}

describe('startTracing', () => {
  it('does nothing without an OTLP endpoint', async () => {
    expect(await startTracing(loadConfig({}), 'get-order')).toBeUndefined()
    expect(tracing()).toBeUndefined()
    const reply = await orders().request('/orders/7')
    expect(reply.status).toBe(200)
  })

  it("gives a request's span the ids its logs carry, and its calls spans of their own", async () => {
    exported.length = 0
    heard.length = 0
    const config = loadConfig({
      OTEL_EXPORTER_OTLP_ENDPOINT: urlOf(collector),
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
    })
    await startTracing(config, 'get-order')
    const reply = await orders().request('/orders/7', {
      headers: { traceparent: `00-${TRACE}-${CALLER}-01` },
    })
    const work = (await reply.json()) as { traceId: string; spanId: string }
    await stopTracing()

    const spans = spansOf(exported)
    const server = spans.find((span) => span.kind === 2)
    expect(server).toMatchObject({
      service: 'get-order',
      traceId: TRACE,
      spanId: work.spanId,
      parentSpanId: CALLER,
      name: 'GET /orders/:id',
      attributes: { 'http.route': '/orders/:id', 'http.response.status_code': 200 },
    })
    const client = spans.find((span) => span.kind === 3)
    expect(client).toMatchObject({ traceId: TRACE, parentSpanId: work.spanId, name: 'GET' })
    expect(heard).toEqual([`00-${TRACE}-${client!.spanId}-01`])
  })

  it('never fails a request when the collector is away, and stops within its bound', async () => {
    const away = createServer()
    away.listen(0, '127.0.0.1')
    await once(away, 'listening')
    const endpoint = urlOf(away)
    away.close()
    await startTracing(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: endpoint }), 'get-order')
    const reply = await orders().request('/orders/7')
    expect(reply.status).toBe(200)
    const stopping = Date.now()
    await stopTracing(500)
    expect(Date.now() - stopping).toBeLessThan(2_000)
  })
})
