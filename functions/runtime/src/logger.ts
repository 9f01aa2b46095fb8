import { currentWork, type WorkContext } from '@dropmate/core'
import { pino, type Level, type LoggerOptions } from 'pino'
import { serializeError } from './log-error'

/**
 * Fields that hold secrets or personal data, wherever a log call puts them: at the top of
 * the object or one level down (`{ receiver: { email } }`, `{ headers: { authorization } }`).
 * Log calls name what they log; this is the net under them.
 */
const SENSITIVE = [
  'authorization',
  'cookie',
  'password',
  'token',
  'accessToken',
  'refreshToken',
  'idToken',
  'apiKey',
  'email',
  'phone',
  'receiverName',
  'receiverEmail',
  'receiverPhone',
  'receiverAddress',
]

export const REDACTED = '[redacted]'

// pino's isoTime makes a Date and its string for every line: a quarter of a request line's
// cost (1 of 4 µs, measured on Node 24). Lines written in the same millisecond share one.
let stampedAt = Number.NaN
let stamp = ''

function isoTime(): string {
  const now = Date.now()
  if (now !== stampedAt) {
    stampedAt = now
    stamp = `,"time":"${new Date(now).toISOString()}"`
  }
  return stamp
}

// Late enough to gather hundreds of request lines on a busy server, soon enough for a tail.
const REQUEST_LINES_WAIT_MS = 50
const MAX_WAITING_CHARS = 64 * 1024

/**
 * JSON lines on stdout, the format Knative's log collection and `kubectl logs` expect. Every
 * line written while a request or event delivery is handled carries its request id, trace
 * id and function, so `grep <traceId>` follows one shipment across processes.
 * No transports: they spawn workers that break inside single-file bundles (REFERENCE.md).
 */
const sink = lineBatches(pino.destination({ dest: 1, sync: true }))
export const logger = pino(loggerOptions(), sink)

/**
 * Lines go out in batches, in order, each batch one synchronous write. pino's lines go out at
 * the end of the event loop's turn that wrote them; request lines, one per request, within
 * REQUEST_LINES_WAIT_MS, or as soon as another line goes or 64 KiB of them wait: written 16
 * to a write, as a busy turn gathers them, request lines cost 0.8 µs each, and 64 KiB to a
 * write 0.55 µs (measured on Node 24). Synchronous, as Node writes to a stdout pipe itself
 * on Linux, and flushed on exit however the process ends but by a kill: pino's asynchronous
 * writes, handed to libuv's thread pool, cost more CPU per line.
 */
function lineBatches(out: { write(lines: string): unknown }) {
  let pending = ''
  let endOfTurn: NodeJS.Immediate | undefined
  let timer: NodeJS.Timeout | undefined
  const flush = () => {
    clearImmediate(endOfTurn)
    clearTimeout(timer)
    endOfTurn = timer = undefined
    if (pending === '') return
    const lines = pending
    pending = ''
    out.write(lines)
  }
  process.on('exit', flush)
  return {
    /** What pino writes. */
    write(line: string) {
      pending += line
      endOfTurn ??= setImmediate(flush)
    },
    writeRequestLine(line: string) {
      pending += line
      if (pending.length >= MAX_WAITING_CHARS) flush()
      else timer ??= setTimeout(flush, REQUEST_LINES_WAIT_MS).unref()
    },
  }
}

/** The logger's settings, on their own so a test can write with them to a stream of its own. */
export function loggerOptions(): LoggerOptions {
  return {
    level: process.env.LOG_LEVEL ?? 'info',
    base: { service: process.env.K_SERVICE ?? 'dropmate' },
    timestamp: isoTime,
    redact: {
      paths: SENSITIVE.flatMap((field) => [field, `*.${field}`]),
      censor: REDACTED,
    },
    // Errors carry the data they failed on (a constraint's failing row): see log-error.ts.
    serializers: { err: serializeError },
    mixin() {
      const work = currentWork()
      if (!work) return {}
      return {
        reqId: work.requestId,
        traceId: work.trace.traceId,
        spanId: work.trace.spanId,
        function: work.function,
      }
    },
  }
}

/** What the one line per request says, and nothing else: how it went, none of its data. */
export interface RequestLine {
  method: string
  /** The route pattern, never the path (which can hold a tracking number). */
  route: string
  status: number
  ms: number
  /** A CloudEvent delivered in binary mode: its attributes, not its data. */
  event?: { id: string; type?: string; source?: string }
}

const LEVEL_NUMBERS = pino.levels.values
const SERVICE = JSON.stringify(loggerOptions().base!.service)

/**
 * Writes the request line at `level`, with the ids of `work` (the current one by default);
 * check `logger.isLevelEnabled(level)` first, and skip building the line when it is off.
 *
 * @example
 * if (logger.isLevelEnabled('info')) writeRequestLine('info', { method, route, status, ms })
 */
export function writeRequestLine(
  level: Level,
  line: RequestLine,
  work: WorkContext | undefined = currentWork(),
): void {
  sink.writeRequestLine(requestLine(level, line, work))
}

/**
 * The request line as pino writes it (the test holds them equal), put together directly:
 * it holds only the fields above, so it needs none of pino's redaction or escaping of every
 * string: 1.4 µs a line instead of 4.4 (npm run bench -- profile).
 */
export function requestLine(
  level: Level,
  { method, route, status, ms, event }: RequestLine,
  work: WorkContext | undefined = currentWork(),
) {
  const ids = work
    ? `,"reqId":${JSON.stringify(work.requestId)},"traceId":"${work.trace.traceId}",` +
      `"spanId":"${work.trace.spanId}"` +
      (work.function === undefined ? '' : `,"function":${JSON.stringify(work.function)}`)
    : ''
  const delivered = event ? `,"event":${JSON.stringify(event)}` : ''
  return (
    `{"level":${LEVEL_NUMBERS[level]}${isoTime()},"service":${SERVICE}${ids},` +
    `"method":${JSON.stringify(method)},"route":${JSON.stringify(route)},"status":${status},` +
    `"ms":${ms}${delivered},"msg":"request"}\n`
  )
}
