import { outsideWork, type Config } from '@dropmate/core'
import { OTLPTraceExporter as JsonExporter } from '@opentelemetry/exporter-trace-otlp-http'
import { OTLPTraceExporter as ProtobufExporter } from '@opentelemetry/exporter-trace-otlp-proto'
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  BatchSpanProcessor,
  ParentBasedSampler,
  TraceIdRatioBasedSampler,
  type ReadableSpan,
  type Sampler,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace'

/**
 * Where spans go and which are kept, as the OpenTelemetry specification's variables say:
 * batched to OTLP/HTTP, dropped when the collector cannot take them.
 */
export function exportOf(config: Config): { sampler: Sampler; processor: SpanProcessor } {
  const processor = new BatchSpanProcessor({ exporter: exporterOf(config) })
  return { sampler: samplerOf(config), processor: new OutsideWork(processor) }
}

/**
 * The batch's timer is set when a span ends, often inside a request: started outside any work,
 * the export's own HTTP call is no span of that request (which would then be exported too).
 */
class OutsideWork implements SpanProcessor {
  constructor(private readonly inner: SpanProcessor) {}
  onStart: SpanProcessor['onStart'] = (span, context) => this.inner.onStart(span, context)
  onEnd = (span: ReadableSpan) => outsideWork(() => this.inner.onEnd(span))
  forceFlush = () => outsideWork(() => this.inner.forceFlush())
  shutdown = () => outsideWork(() => this.inner.shutdown())
}

function samplerOf(config: Config): Sampler {
  const ratio = new TraceIdRatioBasedSampler(config.OTEL_TRACES_SAMPLER_ARG)
  const on = new AlwaysOnSampler()
  const off = new AlwaysOffSampler()
  switch (config.OTEL_TRACES_SAMPLER) {
    case 'always_on':
      return on
    case 'always_off':
      return off
    case 'traceidratio':
      return ratio
    case 'parentbased_always_off':
      return new ParentBasedSampler({ root: off })
    case 'parentbased_traceidratio':
      return new ParentBasedSampler({ root: ratio })
    default:
      return new ParentBasedSampler({ root: on })
  }
}

/**
 * Where spans go, as the specification has it: the traces endpoint as given, or the generic
 * one with `v1/traces` appended. The exporters read the rest (headers, timeout) themselves.
 */
function exporterOf(config: Config): SpanExporter {
  const generic = config.OTEL_EXPORTER_OTLP_ENDPOINT?.replace(/\/*$/, '/v1/traces')
  const url = config.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? generic
  return config.OTEL_EXPORTER_OTLP_PROTOCOL === 'http/json'
    ? new JsonExporter({ url })
    : new ProtobufExporter({ url })
}
