import { AsyncLocalStorage } from 'node:async_hooks'
import { randomFillSync } from 'node:crypto'

/** A W3C Trace Context position: the trace a piece of work belongs to and its own span. */
export interface TraceContext {
  traceId: string
  spanId: string
  sampled: boolean
}

/** What one request or one event delivery is, for everything it logs and emits. */
export interface WorkContext {
  trace: TraceContext
  requestId: string
  /** The function that answers it, once routing knows (`track-shipment`). */
  function?: string
}

// version-traceid-parentid-flags; later versions may append fields, which we ignore.
const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$/
const ALL_ZERO = /^0+$/

/**
 * Reads a `traceparent` header or CloudEvents extension; anything malformed counts as absent,
 * as the W3C spec asks, so a bad header starts a new trace instead of failing the request.
 */
export function parseTraceparent(value: string | undefined | null): TraceContext | undefined {
  const match = TRACEPARENT.exec(value?.trim().toLowerCase() ?? '')
  if (!match) return undefined
  const [, version, traceId, spanId, flags, rest] = match as unknown as string[]
  if (version === 'ff' || (version === '00' && rest)) return undefined
  if (ALL_ZERO.test(traceId!) || ALL_ZERO.test(spanId!)) return undefined
  return { traceId: traceId!, spanId: spanId!, sampled: (parseInt(flags!, 16) & 1) === 1 }
}

export function formatTraceparent(trace: TraceContext): string {
  return `00-${trace.traceId}-${trace.spanId}-${trace.sampled ? '01' : '00'}`
}

/** A new span: in the caller's trace when there is one, else the first of a new trace. */
export function startSpan(parent: TraceContext | undefined): TraceContext {
  return {
    traceId: parent?.traceId ?? randomHex(16),
    spanId: randomHex(8),
    sampled: parent?.sampled ?? true,
  }
}

// Ids only need to be unique, not secret. A CSPRNG call per id costs more than the rest of a
// request's bookkeeping together, and hex built from Math.random half as much; hex read from
// a pool of random bytes refilled 4 KiB at a time costs a tenth of the Math.random way
// (measured on Node 24). An all-zero id is invalid (W3C Trace Context): drawn again.
const pool = Buffer.allocUnsafe(4096)
let drawn = pool.length

function randomHex(bytes: number): string {
  if (drawn + bytes > pool.length) {
    randomFillSync(pool)
    drawn = 0
  }
  const hex = pool.toString('hex', drawn, (drawn += bytes))
  return ALL_ZERO.test(hex) ? randomHex(bytes) : hex
}

const work = new AsyncLocalStorage<WorkContext>()

/**
 * Runs `fn` as one piece of work: whatever it logs carries the trace and request ids, and
 * whatever events it emits carry the trace on (the `traceparent` extension).
 *
 * @example
 * runAsWork({ trace: startSpan(parseTraceparent(header)), requestId }, () => next())
 */
export function runAsWork<T>(context: WorkContext, fn: () => T): T {
  return work.run(context, fn)
}

/** The request or delivery being handled, if any. */
export function currentWork(): WorkContext | undefined {
  return work.getStore()
}

/**
 * The CloudEvents Distributed Tracing extension for an event emitted now: empty outside any
 * request, so background work does not invent a trace.
 */
export function traceExtension(): { traceparent?: string } {
  const trace = work.getStore()?.trace
  return trace ? { traceparent: formatTraceparent(trace) } : {}
}

/**
 * Runs `fn` outside any work: timers and callbacks it sets up belong to no request, so what
 * they do later (an exporter's batch) is not counted in the request that happened to start
 * them, nor keeps it alive.
 */
export function outsideWork<T>(fn: () => T): T {
  return work.exit(fn)
}
