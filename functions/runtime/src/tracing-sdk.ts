import { currentWork, type Config, type TraceContext } from '@dropmate/core'
import type { QueryObserver } from '@dropmate/db'
import {
  ROOT_CONTEXT,
  SpanKind as Kind,
  SpanStatusCode,
  TraceFlags,
  trace as otelTrace,
  type Span,
} from '@opentelemetry/api'
import {
  defaultResource,
  detectResources,
  envDetector,
  resourceFromAttributes,
} from '@opentelemetry/resources'
import { RandomIdGenerator, TracerProvider, type IdGenerator } from '@opentelemetry/sdk-trace'
import { ATTR_ERROR_TYPE, ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions'
import { exportOf } from './tracing-export'
import { traceOutgoingCalls } from './tracing-http'
import type { OpenSpan, SpanAttributes, SpanKind, SpanStart, Tracing } from './tracing'

const KINDS: Record<SpanKind, Kind> = {
  server: Kind.SERVER,
  client: Kind.CLIENT,
  producer: Kind.PRODUCER,
  consumer: Kind.CONSUMER,
  internal: Kind.INTERNAL,
}

/**
 * The SDK half of `startTracing`, loaded only when exporting: a tracer provider whose spans
 * take their ids and parents from our own work context (no second context manager), batched
 * to OTLP over HTTP. The batch drops what it cannot send: a collector that is away never
 * fails nor slows a request.
 */
export function createTracing(config: Config, service: string): Tracing {
  const ids = new PresetIds()
  const { sampler, processor } = exportOf(config)
  const provider = new TracerProvider({
    resource: defaultResource()
      .merge(resourceFromAttributes({ [ATTR_SERVICE_NAME]: service }))
      // OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES, as the specification has them win.
      .merge(detectResources({ detectors: [envDetector] })),
    sampler,
    idGenerator: ids,
    spanProcessors: [processor],
  })
  const tracer = provider.getTracer('dropmate')

  const start = ({ name, kind, attributes }: SpanStart, parent: TraceContext | undefined) => {
    const context = parent
      ? otelTrace.setSpanContext(ROOT_CONTEXT, {
          traceId: parent.traceId,
          spanId: parent.spanId,
          traceFlags: parent.sampled ? TraceFlags.SAMPLED : TraceFlags.NONE,
          isRemote: true,
        })
      : ROOT_CONTEXT
    return openSpan(tracer.startSpan(name, { kind: KINDS[kind], attributes }, context))
  }

  const childSpan = (span: SpanStart) => {
    const parent = currentWork()?.trace
    // A trace its root chose not to keep: its children are not kept either.
    if (!parent?.sampled) return undefined
    return start(span, parent)
  }

  const queries: QueryObserver = (query) => {
    const span = childSpan({
      name: query.summary,
      kind: 'client',
      attributes: {
        'db.system.name': 'postgresql',
        'db.operation.name': query.operation,
        'db.collection.name': query.collection,
        'db.query.summary': query.summary,
      },
    })
    return span && ((error) => span.end(error))
  }

  const stopCalls = traceOutgoingCalls(childSpan)
  return {
    workSpan(trace, parent, span) {
      ids.next = trace
      try {
        const opened = start(span, parent)
        // The sampler's word for a new trace is what the work passes on.
        trace.sampled = opened.trace.sampled
        return opened
      } finally {
        ids.next = undefined
      }
    },
    childSpan,
    queries,
    async shutdown(timeoutMs) {
      stopCalls()
      let timer: NodeJS.Timeout | undefined
      const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)))
      await Promise.race([provider.shutdown().catch(() => {}), late])
      clearTimeout(timer)
    },
  }
}

function openSpan(span: Span): OpenSpan {
  const { traceId, spanId, traceFlags } = span.spanContext()
  return {
    trace: { traceId, spanId, sampled: (traceFlags & TraceFlags.SAMPLED) !== 0 },
    set: (attributes) => span.setAttributes(defined(attributes)),
    end(error) {
      if (error !== undefined) {
        span.setAttribute(ATTR_ERROR_TYPE, errorType(error))
        span.setStatus({ code: SpanStatusCode.ERROR })
      }
      span.end()
    },
  }
}

/** A stable, low-cardinality name of what went wrong: a code or class, never a message. */
function errorType(error: unknown): string {
  if (typeof error === 'string' || typeof error === 'number') return String(error)
  const { code, name } = (error ?? {}) as { code?: unknown; name?: unknown }
  if (typeof code === 'string') return code
  return typeof name === 'string' ? name : '_OTHER'
}

function defined(attributes: SpanAttributes): Record<string, string | number | boolean> {
  const kept: Record<string, string | number | boolean> = {}
  for (const [key, value] of Object.entries(attributes)) if (value !== undefined) kept[key] = value
  return kept
}

/**
 * Random ids, except for the span being started for a piece of work, which takes the ids the
 * work context already has: the SDK only asks for a trace id when there is no parent.
 */
class PresetIds implements IdGenerator {
  next: TraceContext | undefined
  private random = new RandomIdGenerator()
  generateTraceId = () => this.next?.traceId ?? this.random.generateTraceId()
  generateSpanId = () => this.next?.spanId ?? this.random.generateSpanId()
}
