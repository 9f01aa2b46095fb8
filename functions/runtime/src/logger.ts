import { currentWork } from '@dropmate/core'
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

/**
 * JSON lines on stdout, the format Knative's log collection and `kubectl logs` expect. Every
 * line written while a request or event delivery is handled carries its request id, trace
 * id and function, so `grep <traceId>` follows one shipment across processes.
 * No transports: they spawn workers that break inside single-file bundles (REFERENCE.md).
 * Written synchronously, as Node writes to a stdout pipe itself on Linux: pino's default, a
 * write handed to libuv's thread pool per line, cost 2-3 µs more CPU per line (measured on
 * Node 24), and a line is out before the next statement runs, even if the process dies.
 */
export const logger = pino(loggerOptions(), pino.destination({ dest: 1, sync: true }))

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

// The log's stream, serializers and ids without its redaction net, which cost three times the
// rest of the line (18 of 24 µs per request line, measured on Node 24): a request line holds
// only the fields above. Every level is written: `logger`'s level is checked by the caller.
const unredacted = logger.child({}, { level: 'trace', redact: { paths: [] } })

/**
 * Writes the request line at `level`; check `logger.isLevelEnabled(level)` first, and skip
 * building the line when it is off.
 *
 * @example
 * if (logger.isLevelEnabled('info')) writeRequestLine('info', { method, route, status, ms })
 */
export function writeRequestLine(level: Level, line: RequestLine): void {
  unredacted[level](line, 'request')
}
