import { once } from 'node:events'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import protobuf from 'protobufjs'

/** One span as a collector receives it, with ids in hex and attribute values read out. */
export interface ReceivedSpan {
  service: string
  traceId: string
  spanId: string
  parentSpanId: string | undefined
  name: string
  /** SpanKind: 1 internal, 2 server, 3 client, 4 producer, 5 consumer. */
  kind: number
  attributes: Record<string, unknown>
  /** Status code: 0 unset, 1 ok, 2 error. */
  status: number
}

// The part of opentelemetry-proto (collector/trace/v1, trace/v1, common/v1, resource/v1)
// these tests read, with the specification's field numbers.
const OTLP = `
syntax = "proto3";
message ExportTraceServiceRequest { repeated ResourceSpans resource_spans = 1; }
message ResourceSpans { Resource resource = 1; repeated ScopeSpans scope_spans = 2; }
message Resource { repeated KeyValue attributes = 1; }
message ScopeSpans { repeated Span spans = 2; }
message Span {
  bytes trace_id = 1;
  bytes span_id = 2;
  bytes parent_span_id = 4;
  string name = 5;
  int32 kind = 6;
  fixed64 start_time_unix_nano = 7;
  fixed64 end_time_unix_nano = 8;
  repeated KeyValue attributes = 9;
  Status status = 15;
}
message Status { string message = 2; int32 code = 3; }
message KeyValue { string key = 1; AnyValue value = 2; }
message AnyValue {
  oneof value {
    string string_value = 1;
    bool bool_value = 2;
    int64 int_value = 3;
    double double_value = 4;
  }
}
`
const Request = protobuf.parse(OTLP).root.lookupType('ExportTraceServiceRequest')

interface Decoded {
  resourceSpans?: Array<{
    resource?: { attributes?: KeyValue[] }
    scopeSpans?: Array<{ spans?: DecodedSpan[] }>
  }>
}
interface KeyValue {
  key: string
  value?: Record<string, unknown>
}
interface DecodedSpan {
  traceId: Buffer
  spanId: Buffer
  parentSpanId?: Buffer
  name: string
  kind?: number
  attributes?: KeyValue[]
  status?: { code?: number }
}

/**
 * An OTLP/HTTP receiver on a free loopback port, as a collector's `otlp` receiver: it takes
 * `POST /v1/traces` in binary protobuf (the exporters' default) and decodes every span.
 */
export async function startOtlpReceiver() {
  const spans: ReceivedSpan[] = []
  const server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const binary = request.headers['content-type'] === 'application/x-protobuf'
      if (request.method !== 'POST' || request.url !== '/v1/traces' || !binary) {
        return void response.writeHead(415).end()
      }
      const decoded = Request.toObject(Request.decode(Buffer.concat(chunks)), {
        longs: Number,
      }) as Decoded
      spans.push(...received(decoded))
      response.writeHead(200, { 'content-type': 'application/x-protobuf' }).end()
    })
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    spans,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

function received(request: Decoded): ReceivedSpan[] {
  return (request.resourceSpans ?? []).flatMap(({ resource, scopeSpans }) => {
    const service = String(attributesOf(resource?.attributes)['service.name'])
    return (scopeSpans ?? []).flatMap(({ spans }) =>
      (spans ?? []).map((span) => ({
        service,
        traceId: span.traceId.toString('hex'),
        spanId: span.spanId.toString('hex'),
        parentSpanId: span.parentSpanId?.length ? span.parentSpanId.toString('hex') : undefined,
        name: span.name,
        kind: span.kind ?? 0,
        attributes: attributesOf(span.attributes),
        status: span.status?.code ?? 0,
      })),
    )
  })
}

function attributesOf(list: KeyValue[] | undefined): Record<string, unknown> {
  return Object.fromEntries(
    (list ?? []).map(({ key, value }) => [key, value && Object.values(value)[0]]),
  )
}
