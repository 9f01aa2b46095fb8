import { exportsTraces, type Config, type TraceContext } from '@dropmate/core'
import type { QueryObserver } from '@dropmate/db'

export type SpanKind = 'server' | 'client' | 'producer' | 'consumer' | 'internal'
export type SpanAttributes = Record<string, string | number | boolean | undefined>

export interface SpanStart {
  name: string
  kind: SpanKind
  attributes?: SpanAttributes
}

/** A span being recorded: attributes may be added until it ends. */
export interface OpenSpan {
  /** Its own position in the trace, for the `traceparent` of what it calls. */
  readonly trace: TraceContext
  set(attributes: SpanAttributes): void
  /** Ends it; with `error` (an exception, or a reason) its status is Error. */
  end(error?: unknown): void
}

/** What records and exports spans once an OTLP endpoint is set; see `startTracing`. */
export interface Tracing {
  /**
   * The span of a request or delivery, with exactly the ids of its work context (so a log
   * line's traceId opens it), as a child of `parent`, the caller's span, if any.
   */
  workSpan(trace: TraceContext, parent: TraceContext | undefined, span: SpanStart): OpenSpan
  /** A child of the current work's span; none outside any request or delivery. */
  childSpan(span: SpanStart): OpenSpan | undefined
  /** SQL as CLIENT spans of the current work (db's observeQueries). */
  queries: QueryObserver
  /** Exports what is still waiting; waits `timeoutMs` at most. */
  shutdown(timeoutMs: number): Promise<void>
}

let active: Tracing | undefined

/**
 * Whether spans are recorded in this process, and how: a single test on every hot path,
 * which finds nothing unless an OTLP endpoint was set at start.
 *
 * @example
 * const span = tracing()?.childSpan({ name: 'emit shipment_updated', kind: 'producer' })
 */
export function tracing(): Tracing | undefined {
  return active
}

/**
 * Loads the OpenTelemetry SDK and starts exporting spans, only when OTEL_EXPORTER_OTLP_ENDPOINT
 * (or _TRACES_ENDPOINT) is set: otherwise nothing is imported and nothing is done. `service`
 * names the process unless OTEL_SERVICE_NAME does.
 *
 * @example
 * await startTracing(config, 'broker-dispatcher')
 */
export async function startTracing(config: Config, service: string): Promise<Tracing | undefined> {
  if (!exportsTraces(config)) return undefined
  const { createTracing } = await import('./tracing-sdk')
  active = createTracing(config, service)
  return active
}

/** Stops recording (tests); what was recorded is exported first. */
export async function stopTracing(timeoutMs = 5_000): Promise<void> {
  const stopping = active
  active = undefined
  await stopping?.shutdown(timeoutMs)
}
